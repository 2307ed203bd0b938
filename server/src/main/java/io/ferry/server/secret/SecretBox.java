package io.ferry.server.secret;

import io.ferry.server.FerryProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets at rest (kubeconfigs, registry passwords, webhook tokens) with AES-256-GCM.
 *
 * <p>The key comes from {@code FERRY_SECRET_KEY} (base64 of 32 bytes) or from {@code
 * <data-dir>/secret.key}, created with mode 0600 on first use. A sealed value is {@code v1:} and
 * the base64 of a random 12-byte nonce followed by the ciphertext and tag; the purpose (e.g. {@code
 * registry:harbor/password}) is bound as associated data, so a value cannot be moved to another
 * field unnoticed.
 */
@Component
public class SecretBox {

  static final String KEY_FILE = "secret.key";
  private static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private final SecureRandom random = new SecureRandom();
  private final SecretKey key;

  @Autowired
  SecretBox(FerryProperties properties) {
    this(loadKey(System.getenv("FERRY_SECRET_KEY"), properties.dataDir().resolve(KEY_FILE)));
  }

  SecretBox(SecretKey key) {
    this.key = key;
  }

  /** Encrypts {@code plaintext} for the given purpose. */
  public String seal(String purpose, String plaintext) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return VERSION + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "Tried to encrypt a secret for " + purpose + " but failed", e);
    }
  }

  /**
   * Decrypts a value sealed for the same purpose.
   *
   * @throws IllegalStateException when the value was sealed with another key or purpose, or was
   *     changed
   */
  public String open(String purpose, String sealed) {
    if (!sealed.startsWith(VERSION)) {
      throw new IllegalStateException(
          "Tried to decrypt the secret for " + purpose + " but it is not a sealed value");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Tried to decrypt the secret for "
              + purpose
              + " but failed: it was sealed with another key (check FERRY_SECRET_KEY or "
              + KEY_FILE
              + " in the data directory) or it was changed",
          e);
    }
  }

  static SecretKey loadKey(String fromEnvironment, Path file) {
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return aes(decode(fromEnvironment.strip(), "FERRY_SECRET_KEY"));
    }
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Path temp =
            Files.createTempFile(
                file.getParent(),
                KEY_FILE,
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n");
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
          Files.delete(temp);
        }
      }
      return aes(decode(Files.readString(file).strip(), file.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Tried to read or create the secret key " + file + " but failed because: " + e, e);
    }
  }

  private static byte[] decode(String base64, String source) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      if (bytes.length == 32) {
        return bytes;
      }
      throw new IllegalStateException(
          "The secret key from " + source + " has " + bytes.length + " bytes but it needs 32");
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("The secret key from " + source + " is not base64", e);
    }
  }

  private static SecretKey aes(byte[] bytes) {
    return new SecretKeySpec(bytes, "AES");
  }
}
