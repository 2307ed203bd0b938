package io.ferry.oci;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the JVM's SHA-256 ready for bulk hashing before the first blob arrives: a background thread
 * hashes 16 MiB of zeros in 16 KiB pieces, once per JVM, so the JIT compiles the digest loop with
 * the CPU's SHA instructions early instead of after the first few hundred MiB.
 *
 * <p>Why: a fresh JVM hashes 4 to 10 times slower until its optimizing compiler has seen enough
 * calls, and blob transfers call {@code update} with large buffers, so they reach the compiler's
 * call counts late: creating a bundle of the benchmark's 816 MiB, the fast code arrived 1.3 s into
 * the transfer, and the first 10 % took as long as the next 40 %. The warm-up costs about 0.05 s of
 * CPU on a core that is otherwise waiting for the first response.
 *
 * <p>Started where bulk hashing is about to begin ({@link VerifyingInputStream}, bundle create and
 * verify), not by every registry client: {@code bundle push} hashes no blob (the registry checks
 * each against its digest), and there the warm-up and its compilation only took CPU from the
 * registry.
 */
public final class HashWarmUp {

  private static final int PIECE = 16 * 1024;
  private static final int PIECES = 1024;
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private HashWarmUp() {}

  /** Starts the warm-up unless this JVM already did; returns at once. */
  public static void start() {
    WarmUpThread.startOnce(STARTED, "ferry-sha256-warm-up", HashWarmUp::run);
  }

  private static void run() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] piece = new byte[PIECE];
      for (int i = 0; i < PIECES; i++) {
        digest.update(piece, 0, PIECE);
      }
      digest.digest();
    } catch (NoSuchAlgorithmException e) {
      // every JDK has SHA-256; without it the transfers fail with their own error
    }
  }
}
