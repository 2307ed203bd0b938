package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Platform;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Verify catches every kind of damage and names what is wrong. */
class BundleVerifierTest {

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  @TempDir static Path shared;
  static Path bundle;
  static CreateResult created;

  @TempDir Path dir;

  @BeforeAll
  static void createBundle() throws Exception {
    RegistryClient client = TestBundles.client(source);
    TestImages images = new TestImages(client);
    images.pushMultiArch("vendor/app", "1.0", true, 20_000);
    images.pushSingle("vendor/web", "2.0", "amd64", false, 10_000);
    String host = source.hostAndPort();
    Path spec =
        TestBundles.writeSpec(shared, List.of(host + "/vendor/app:1.0", host + "/vendor/web:2.0"));
    bundle = shared.resolve("b.tar");
    created = TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));
  }

  private static VerifyReport verify(Path file) {
    return new BundleVerifier().verify(BundleFile.open(file), Optional.empty());
  }

  @Test
  void aFlippedByteInAnyBlobIsNamed() throws Exception {
    for (BundleIndex.Blob blob : created.index().blobs()) {
      Path copy = dir.resolve("flipped.tar");
      Files.copy(bundle, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      BundleFile.Entry entry = BundleFile.open(copy).blob(blob.parsedDigest()).orElseThrow();
      TarSurgery.flipByte(copy, entry.offset() + entry.size() / 2);

      assertThat(verify(copy).problems())
          .singleElement()
          .asString()
          .contains("blob " + blob.digest())
          .contains("corrupted");
    }
  }

  @Test
  void aTruncatedBundleIsRejected() throws Exception {
    Path copy = dir.resolve("truncated.tar");
    byte[] bytes = Files.readAllBytes(bundle);
    Files.write(copy, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownByOrProblems(copy, "truncated");
  }

  @Test
  void aBundleCutInsideItsLastHeaderOrItsEndMarkerIsTruncatedNotShorter() throws Exception {
    byte[] bytes = Files.readAllBytes(bundle);
    long lastData =
        BundleFile.open(bundle).entries().values().stream()
            .mapToLong(BundleFile.Entry::offset)
            .max()
            .orElseThrow();
    // The tar reader takes the remains of a header for the end of the archive: only the missing
    // end-of-archive marker tells these apart from a whole bundle with one entry fewer.
    for (long cut : List.of(lastData - 200, (long) bytes.length - 512, (long) bytes.length - 1)) {
      Path copy = dir.resolve("cut.tar");
      Files.write(copy, java.util.Arrays.copyOf(bytes, (int) cut));
      VerifyReport report = verify(copy);
      assertThat(report.ok()).as("cut at %d of %d", cut, bytes.length).isFalse();
      assertThat(report.problems())
          .as("cut at %d", cut)
          .anySatisfy(problem -> assertThat(problem).contains("truncated"));
    }
  }

  @Test
  void zerosPaddingTheTarToALargeBlockAreNotAProblem() throws Exception {
    Path padded = dir.resolve("padded.tar");
    Files.copy(bundle, padded);
    Files.write(padded, new byte[1 << 20], java.nio.file.StandardOpenOption.APPEND); // tar -b 2048
    assertThat(verify(padded).problems()).isEmpty();
  }

  @Test
  void aDamagedHeaderInsideTheBundleIsCorruptionNotANonTar() throws Exception {
    BundleFile.Entry later =
        BundleFile.open(bundle).entries().values().stream()
            .filter(entry -> entry.offset() > 4096)
            .findFirst()
            .orElseThrow();
    Path damaged = dir.resolve("damaged.tar");
    Files.copy(bundle, damaged);
    try (java.nio.channels.FileChannel channel =
        java.nio.channels.FileChannel.open(damaged, java.nio.file.StandardOpenOption.WRITE)) {
      // Its header's size field, 'x' where an octal digit goes.
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {'x'}), later.offset() - 512 + 124);
    }
    assertThatThrownBy(() -> verify(damaged))
        .hasMessageContaining("is not a readable tar")
        .hasMessageContaining("truncated or corrupted")
        .hasMessageNotContaining("is not a tar archive");
  }

  @Test
  void aFlippedByteInAnyEntrysHeaderIsNamedAsTarXWouldStopThere() throws Exception {
    // Fields the tar reader parses without complaint: the name's last byte, the mode, the owner,
    // the modification time. tar -x stops at such a header ("does not look like a tar archive").
    for (BundleFile.Entry entry : BundleFile.open(bundle).entries().values()) {
      for (int field : List.of(99, 100, 108, 136)) {
        Path copy = dir.resolve("header.tar");
        Files.copy(bundle, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        TarSurgery.flipByte(copy, entry.offset() - 512 + field);
        VerifyReport report = verify(copy);
        assertThat(report.ok()).as("%s, header byte %d", entry.name(), field).isFalse();
        assertThat(report.problems())
            .as("%s, header byte %d", entry.name(), field)
            .singleElement()
            .asString()
            .contains(
                "entry '" + entry.name() + "' has a tar header whose checksum does not match");
      }
    }
  }

  @Test
  void aFlippedByteInAPaxHeaderIsNamedToo() throws Exception {
    // a name over 100 characters takes a PAX header before the entry's own (as a long rule file's)
    String longName = "rules/" + "x".repeat(120) + ".yaml";
    Path tar = dir.resolve("pax.tar");
    try (var out =
        new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
            Files.newOutputStream(tar))) {
      out.setLongFileMode(
          org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
      byte[] content = "groups: []\n".getBytes(StandardCharsets.UTF_8);
      var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(longName);
      entry.setSize(content.length);
      out.putArchiveEntry(entry);
      out.write(content);
      out.closeArchiveEntry();
    }
    assertThat(BundleFile.open(tar).problems()).as("a whole tar").isEmpty();
    assertThat(BundleFile.open(tar).entries()).containsKey(longName);

    TarSurgery.flipByte(tar, 100); // the PAX header's mode field, at the start of the file
    assertThat(BundleFile.open(tar).problems())
        .singleElement()
        .asString()
        .contains("entry '" + longName + "' has a tar header whose checksum does not match");
  }

  @Test
  void bytesAppendedAfterTheEndMarkerAreNamed() throws Exception {
    Path copy = dir.resolve("appended.tar");
    Files.copy(bundle, copy);
    Files.write(
        copy, "extra".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
    assertThat(verify(copy).problems())
        .anySatisfy(problem -> assertThat(problem).contains("something was appended"));
  }

  private static void assertThatThrownByOrProblems(Path file, String expected) {
    try {
      VerifyReport report = verify(file);
      assertThat(report.ok()).isFalse();
      assertThat(String.join("\n", report.problems())).containsIgnoringCase(expected);
    } catch (BundleException e) {
      assertThat(e.getMessage()).containsIgnoringCase(expected);
    }
  }

  @Test
  void garbageIsNotABundle() throws Exception {
    Path garbage = dir.resolve("garbage.tar");
    Files.write(
        garbage,
        "this is not a tar at all, it is just text".repeat(30).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> verify(garbage))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining(garbage.toString())
        .hasMessageContaining("is not a tar archive")
        .hasNoCause(); // the tar reader's "Invalid byte 116 at offset 0" said nothing more

    Path yaml = dir.resolve("ferry.yaml");
    Files.writeString(yaml, "apiVersion: ferry.dev/v1\nkind: Platform\n");
    assertThatThrownBy(() -> verify(yaml)).hasMessageContaining("is not a tar archive");

    Path binary = dir.resolve("junk.bin");
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    Files.write(binary, junk);
    assertThatThrownBy(() -> verify(binary))
        .hasMessageContaining("is not a tar archive")
        .satisfies(e -> assertThat(e.getMessage()).matches("\\p{Print}*"));

    Path gzipped = dir.resolve("b.tar.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gzipped))) {
      Files.copy(bundle, out);
    }
    assertThatThrownBy(() -> verify(gzipped))
        .hasMessageContaining("is not a tar archive")
        .hasMessageContaining("this file is gzip-compressed")
        .hasMessageContaining("gunzip it first")
        .satisfies(e -> assertThat(e.getMessage()).matches("\\p{Print}*"));
    assertThatThrownBy(() -> verify(binary)).hasMessageNotContaining("gzip");
  }

  @Test
  void entriesWithDotDotAbsolutePathsLinksOrDevicesAreNamed() throws Exception {
    Path evil = dir.resolve("evil.tar");
    TarArchiveEntry dotDot = new TarArchiveEntry("blobs/../../etc/cron.d/x", true);
    TarArchiveEntry absolute = new TarArchiveEntry("/etc/passwd", true);
    TarArchiveEntry symlink = new TarArchiveEntry("rules/link", TarArchiveEntry.LF_SYMLINK);
    symlink.setLinkName("/etc/shadow");
    TarArchiveEntry hardlink = new TarArchiveEntry("rules/hard", TarArchiveEntry.LF_LINK);
    hardlink.setLinkName("../../outside");
    // A link that stays inside the bundle is refused too: a bundle holds no links at all.
    TarArchiveEntry inside = new TarArchiveEntry("rules/inside", TarArchiveEntry.LF_SYMLINK);
    inside.setLinkName("../spec/ferry.yaml");
    TarArchiveEntry fifo = new TarArchiveEntry("rules/fifo", TarArchiveEntry.LF_FIFO);
    TarArchiveEntry device = new TarArchiveEntry("rules/dev", TarArchiveEntry.LF_CHR);
    TarSurgery.rewrite(
        bundle,
        evil,
        (name, content) -> content,
        dotDot,
        absolute,
        symlink,
        hardlink,
        inside,
        fifo,
        device);

    assertThat(verify(evil).problems())
        .anySatisfy(p -> assertThat(p).contains("blobs/../../etc/cron.d/x").contains("'..'"))
        .anySatisfy(p -> assertThat(p).contains("/etc/passwd").contains("absolute"))
        .anySatisfy(p -> assertThat(p).contains("entry 'rules/link' is a link to '/etc/shadow'"))
        .anySatisfy(p -> assertThat(p).contains("entry 'rules/hard' is a link to '../../outside'"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("entry 'rules/inside' is a link to '../spec/ferry.yaml'")
                    .contains("a bundle holds no links"))
        .anySatisfy(p -> assertThat(p).contains("rules/fifo").contains("device or FIFO"))
        .anySatisfy(p -> assertThat(p).contains("rules/dev").contains("device or FIFO"));
  }

  @Test
  void aManifestNamingABlobTheBundleLacksIsNamed() throws Exception {
    BundleIndex index = created.index();
    BundleIndex.Blob layer =
        index.blobs().stream()
            .filter(b -> b.mediaType().contains("layer"))
            .findFirst()
            .orElseThrow();
    BundleIndex without =
        new BundleIndex(
            index.format(),
            index.platform(),
            index.created(),
            index.ferryVersion(),
            index.platforms(),
            index.images(),
            index.blobs().stream().filter(b -> !b.equals(layer)).toList(),
            index.files());
    Path broken = dir.resolve("missing.tar");
    TarSurgery.rewrite(
        bundle,
        broken,
        (name, content) ->
            name.equals(io.ferry.oci.layout.OciLayout.blobPath(layer.parsedDigest()))
                ? null
                : name.equals(BundleLayout.INDEX) ? without.toJson() : content);

    assertThat(verify(broken).problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("names blob " + layer.digest())
                    .contains("not in the bundle"));
  }

  @Test
  void anUnlistedEntryAndAChangedFileAreNamed() throws Exception {
    Path changed = dir.resolve("changed.tar");
    TarArchiveEntry extra = new TarArchiveEntry("extra.sh", true);
    TarSurgery.rewrite(
        bundle,
        changed,
        (name, content) ->
            name.equals("spec/ferry.yaml")
                ? "tampered: true\n".getBytes(StandardCharsets.UTF_8)
                : content,
        extra);

    assertThat(verify(changed).problems())
        .anySatisfy(p -> assertThat(p).contains("file spec/ferry.yaml"))
        .anySatisfy(p -> assertThat(p).contains("'extra.sh' is not listed"));
  }

  @Test
  void signaturesByEd25519AndP256VerifyAndAWrongKeyOrChangedIndexFails() throws Exception {
    for (String algorithm : List.of("ed25519", "p256")) {
      Path key = dir.resolve(algorithm + ".pem");
      Path pub = dir.resolve(algorithm + ".pub.pem");
      KeyFiles.generate(algorithm, key, pub);
      Path signed = dir.resolve(algorithm + ".tar");
      Path spec = shared.resolve("ferry.yaml");
      new BundleCreator(TestBundles.clients(source), Clock.systemUTC(), CreateListener.NONE)
          .create(
              new CreateRequest(
                  spec,
                  Optional.empty(),
                  signed,
                  List.of(Platform.parse("linux/amd64")),
                  Optional.of(SigningKey.read(key))));

      VerifyReport good =
          new BundleVerifier().verify(BundleFile.open(signed), Optional.of(VerifyingKey.read(pub)));
      assertThat(good.problems()).isEmpty();
      assertThat(good.signature()).isEqualTo(VerifyReport.SignatureStatus.VALID);

      KeyFiles.generate(algorithm, dir.resolve("other.pem"), dir.resolve("other.pub.pem"));
      VerifyReport wrongKey =
          new BundleVerifier()
              .verify(
                  BundleFile.open(signed),
                  Optional.of(VerifyingKey.read(dir.resolve("other.pub.pem"))));
      assertThat(wrongKey.signature()).isEqualTo(VerifyReport.SignatureStatus.INVALID);
      assertThat(wrongKey.problems())
          .singleElement()
          .asString()
          .contains("is not a signature of bundle.json");

      Path unsigned = dir.resolve("unsigned.tar");
      TarSurgery.rewrite(
          signed,
          unsigned,
          (name, content) -> name.equals(BundleLayout.SIGNATURE) ? null : content);
      assertThat(
              new BundleVerifier()
                  .verify(BundleFile.open(unsigned), Optional.of(VerifyingKey.read(pub)))
                  .problems())
          .singleElement()
          .asString()
          .contains("not signed");

      // The signature covers the index: a changed bundle.json under the old signature fails,
      // though every blob still matches what it lists.
      Path changed = dir.resolve("changed.tar");
      TarSurgery.rewrite(
          signed,
          changed,
          (name, content) -> {
            if (!name.equals(BundleLayout.INDEX)) {
              return content;
            }
            String index = new String(content, StandardCharsets.UTF_8);
            String release = index.replace("\"version\" : \"3.6.2\"", "\"version\" : \"3.6.3\"");
            assertThat(release).as("the index names the version").isNotEqualTo(index);
            return release.getBytes(StandardCharsets.UTF_8);
          });
      VerifyReport tampered =
          new BundleVerifier()
              .verify(BundleFile.open(changed), Optional.of(VerifyingKey.read(pub)));
      assertThat(tampered.signature()).isEqualTo(VerifyReport.SignatureStatus.INVALID);
      assertThat(tampered.index().platform().version()).isEqualTo("3.6.3");
      assertThat(tampered.problems())
          .singleElement()
          .asString()
          .contains("is not a signature of bundle.json");

      KeyFiles.opensslVerifiesAsDocumented(algorithm, signed, pub, dir);
    }
  }
}
