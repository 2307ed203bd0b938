package io.ferry.platform.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.platform.PlatformException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;

class YamlFilesTest {

  @TempDir Path tmp;

  @Test
  void malformedYamlIsReportedWithFileLineAndColumn() throws IOException {
    Path file = tmp.resolve("ferry.yaml");
    Files.writeString(file, "spec:\n  services:\n    web: {image: a\n  domain: x\n");
    assertThatThrownBy(() -> YamlFiles.read(file, "ferry.yaml"))
        .isInstanceOf(PlatformException.class)
        .hasMessageMatching("(?s)Tried to parse ferry\\.yaml:4:\\d+ but failed because: .*");
  }

  @Test
  void badIndentationIsReportedAtItsLine() {
    assertThatThrownBy(
            () -> YamlFiles.parse(new StringReader("a: 1\nb:\n  c: 2\n d: 3\n"), "values.yaml"))
        .hasMessageStartingWith("Tried to parse values.yaml:4:");
  }

  @Test
  void aliasBombIsRefusedBeforeItExpands() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    char previous = 'a';
    for (char name = 'b'; name <= 'j'; name++) {
      bomb.append(name).append(": &").append(name).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = name;
    }
    assertThatThrownBy(() -> YamlFiles.parse(new StringReader(bomb.toString()), "bomb.yaml"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("bomb.yaml")
        .hasMessageContaining("aliases");
  }

  @Test
  void fileOverTheSizeLimitIsRejectedUnread() throws IOException {
    Path file = tmp.resolve("huge.yaml");
    try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
      sparse.setLength(YamlFiles.MAX_FILE_BYTES + 1);
    }
    assertThatThrownBy(() -> YamlFiles.read(file, "huge.yaml"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("huge.yaml")
        .hasMessageContaining("over the limit of 4194304 bytes");
  }

  @Test
  void missingFileSaysSo() {
    assertThatThrownBy(() -> YamlFiles.read(tmp.resolve("nope.yaml"), "nope.yaml"))
        .hasMessage("Tried to read nope.yaml but failed because: no such file (check the path)");
  }

  @Test
  void aFolderSaysSoAndNamesTheSpecInIt() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("site"));
    assertThatThrownBy(() -> YamlFiles.read(folder, "site"))
        .hasMessage("Tried to read site but failed because: it is a folder (name the file in it)");
    Files.writeString(folder.resolve("ferry.yaml"), "a: 1\n");
    assertThatThrownBy(() -> YamlFiles.read(folder, "site"))
        .hasMessageContaining(
            "it is a folder (name the file, e.g. " + folder.resolve("ferry.yaml"));
  }

  @Test
  void secondDocumentIsRejected() {
    assertThatThrownBy(() -> YamlFiles.parse(new StringReader("a: 1\n---\nb: 2\n"), "two.yaml"))
        .hasMessageContaining("more than one YAML document")
        .hasMessageContaining("two.yaml:3");
  }

  @Test
  void nonUtf8FileIsRejected() throws IOException {
    Path file = tmp.resolve("latin1.yaml");
    Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    assertThatThrownBy(() -> YamlFiles.read(file, "latin1.yaml")).hasMessageContaining("not UTF-8");
  }

  @Test
  void mergeKeepsBaseKeysMergesMapsAndReplacesLists() {
    var base =
        YamlFiles.parse(new StringReader("a: {x: 1, y: 2}\nl: [1, 2]\nkeep: k\n"), "base.yaml");
    var overlay = YamlFiles.parse(new StringReader("a: {y: 3, z: 4}\nl: [9]\n"), "o.yaml");
    Object merged =
        new StandardConstructor(LoadSettings.builder().build())
            .constructSingleDocument(Optional.of(YamlMerge.merge(base, overlay)));
    assertThat(merged)
        .isEqualTo(Map.of("a", Map.of("x", 1, "y", 3, "z", 4), "l", List.of(9), "keep", "k"));
  }

  @Test
  void mergeOfRecursiveAliasesOnBothSidesIsBounded() {
    var base = YamlFiles.parse(new StringReader("a: &s {web: *s}\n"), "base.yaml");
    var overlay = YamlFiles.parse(new StringReader("a: &v {web: *v}\n"), "values.yaml");
    assertThatThrownBy(() -> YamlMerge.merge(base, overlay))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("values.yaml:1")
        .hasMessageContaining("deeper than 32 levels");
  }
}
