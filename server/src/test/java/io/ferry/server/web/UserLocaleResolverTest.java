package io.ferry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class UserLocaleResolverTest {

  @Test
  void followsTheBrowsersFirstSupportedLanguage() {
    assertThat(UserLocaleResolver.fromBrowser("zh-CN,zh;q=0.9,en;q=0.8"))
        .isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(UserLocaleResolver.fromBrowser("zh-TW")).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    assertThat(UserLocaleResolver.fromBrowser("de-DE,en;q=0.5")).isEqualTo(Locale.ENGLISH);
    assertThat(UserLocaleResolver.fromBrowser("fr")).isEqualTo(Locale.ENGLISH);
    assertThat(UserLocaleResolver.fromBrowser(null)).isEqualTo(Locale.ENGLISH);
    assertThat(UserLocaleResolver.fromBrowser(";;;garbage")).isEqualTo(Locale.ENGLISH);
  }
}
