package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.spi.SelectorProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkSelectorProviderTest {

  private String before;

  @BeforeEach
  void clear() {
    before = System.clearProperty(JdkSelectorProvider.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(JdkSelectorProvider.PROPERTY);
    } else {
      System.setProperty(JdkSelectorProvider.PROPERTY, before);
    }
  }

  @Test
  void namesTheProviderThisJdkUsesByDefault() {
    String named = JdkSelectorProvider.name();

    assertThat(named).isNotNull();
    assertThat(System.getProperty(JdkSelectorProvider.PROPERTY)).isEqualTo(named);
    // the class the JDK's own default is (this JVM's provider was chosen without the property)
    assertThat(named).isEqualTo(SelectorProvider.provider().getClass().getName());
  }

  @Test
  void keepsAProviderTheUserNamed() {
    System.setProperty(JdkSelectorProvider.PROPERTY, "com.example.OwnProvider");

    assertThat(JdkSelectorProvider.name()).isEqualTo("com.example.OwnProvider");
    assertThat(System.getProperty(JdkSelectorProvider.PROPERTY))
        .isEqualTo("com.example.OwnProvider");
  }
}
