package io.ferry.oci.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VerifiedBlobSourceTest {

  private static final byte[] CONTENT = random(300_000);
  private static final Digest DIGEST = Digest.of(CONTENT);

  @Test
  void aWholeReadOfGoodContentPasses() throws IOException {
    BlobSource source = BlobSource.verified(BlobSource.of(CONTENT), DIGEST, "blob");
    try (InputStream in = source.open(0)) {
      assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    }
  }

  @Test
  void chunksRetriesAndResumesAreEachHashedOnce() throws IOException {
    BlobSource source = BlobSource.verified(BlobSource.of(CONTENT), DIGEST, "blob");
    readRange(source, 0, 100_000);
    readRange(source, 50_000, 100_000); // a retried chunk re-reads bytes already hashed
    readRange(source, 200_000, 50_000); // a resume past bytes never read: those are hashed first
    readRange(source, 250_000, 50_000);
    try (InputStream in = source.open(0)) {
      assertThat(in.readAllBytes()).as("verified content reads again").isEqualTo(CONTENT);
    }
  }

  @Test
  void corruptedContentFailsBeforeItsLastBytesAndOnEveryLaterOpen() throws IOException {
    byte[] corrupted = CONTENT.clone();
    corrupted[12_345] ^= 1;
    BlobSource source = BlobSource.verified(BlobSource.of(corrupted), DIGEST, "blob X in b.tar");
    try (InputStream in = source.open(0)) {
      assertThatThrownBy(in::readAllBytes)
          .isInstanceOf(DigestMismatchException.class)
          .hasMessageContaining("blob X in b.tar hashes to sha256:")
          .hasMessageContaining("instead of " + DIGEST)
          .hasMessageContaining("corrupted");
    }
    assertThatThrownBy(() -> source.open(0)).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void anEmptyBlobIsCheckedToo() throws IOException {
    BlobSource empty = BlobSource.verified(BlobSource.of(new byte[0]), Digest.of(new byte[0]), "e");
    try (InputStream in = empty.open(0)) {
      assertThat(in.read()).isEqualTo(-1);
    }
    BlobSource wrong = BlobSource.verified(BlobSource.of(new byte[0]), DIGEST, "blob E");
    assertThatThrownBy(() -> wrong.open(0))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("blob E hashes to " + Digest.of(new byte[0]));
  }

  private static void readRange(BlobSource source, long offset, int length) throws IOException {
    try (InputStream in = source.open(offset)) {
      byte[] read = in.readNBytes(length);
      assertThat(read).hasSize(length);
      assertThat(read[0]).isEqualTo(CONTENT[(int) offset]);
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
