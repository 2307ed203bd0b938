package io.ferry.oci;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the JVM's AES-GCM ready for a bulk transfer over TLS before the first record: a background
 * thread seals and opens 64 records of 16 KiB (1 MiB each way), once per JVM.
 *
 * <p>Why: TLS 1.3 with AES-GCM encrypts or decrypts one call per 16 KiB record, and the JDK's GCM
 * uses the CPU's AES and carry-less multiply instructions only once C2 has compiled the provider's
 * callers. The launcher compiles the provider after 1/100 of the usual calls for {@code bundle
 * create} and {@code push}, but the first records still arrive while C2 is busy with the rest of
 * the start: profiled, an 816 MiB push ran GHASH in plain Java until ~2.5 s. Sealed and opened on
 * another core during the start and the handshake, more of that code is compiled by the time data
 * flows. The benchmark's 816 MiB over HTTPS (registries in memory), alternating runs: push 5.95 s →
 * 5.87 s (medians of 10 and 9; client CPU 5.90 → 5.43 s), create 4.68 → 4.57 s (6 each; CPU 7.07 →
 * 6.88 s); a 96 MiB push 2.02 → 1.83 s (8 each). It costs ~0.4 s of CPU, which on 2 cores delays
 * the first request by ~0.1 s (0.93 → 1.02 s in that push), so it runs only where a bulk transfer
 * over TLS comes; a transfer of a few MiB would lose that 0.1 s.
 */
public final class AesGcmWarmUp {

  private static final int RECORD = 16 * 1024;
  private static final int RECORDS = 64;
  private static final int TAG_BITS = 128;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private AesGcmWarmUp() {}

  /** Starts the warm-up unless this JVM already did; returns at once. */
  public static void start() {
    WarmUpThread.startOnce(STARTED, "ferry-aes-gcm-warm-up", AesGcmWarmUp::runQuietly);
  }

  private static void runQuietly() {
    try {
      run();
    } catch (GeneralSecurityException | RuntimeException e) {
      // nothing depends on it: TLS then gets its fast code later, as without the warm-up
    }
  }

  /**
   * Seals and opens the records as TLS 1.3 does (a fresh nonce and additional data per record);
   * fails if a record does not come back as it went in.
   */
  static void run() throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
    byte[] nonce = new byte[12];
    byte[] additional = new byte[13];
    byte[] plain = new byte[RECORD];
    ByteBuffer sealed = ByteBuffer.allocate(RECORD + TAG_BITS / 8);
    ByteBuffer opened = ByteBuffer.allocate(RECORD + TAG_BITS / 8);
    for (int i = 0; i < RECORDS; i++) {
      plain[0] = (byte) i;
      nonce[0] = (byte) i;
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(additional);
      sealed.clear();
      cipher.doFinal(ByteBuffer.wrap(plain), sealed);
      sealed.flip();
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(additional);
      opened.clear();
      cipher.doFinal(sealed, opened);
      if (opened.position() != RECORD
          || !Arrays.equals(opened.array(), 0, RECORD, plain, 0, RECORD)) {
        throw new IllegalStateException("AES-GCM gave back another record than it sealed");
      }
    }
  }
}
