package io.ferry.bundle;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

/** A public key ({@code -----BEGIN PUBLIC KEY-----}) that checks a bundle index's signature. */
public final class VerifyingKey {

  private static final String HINT =
      "export it from the private key with 'openssl pkey -in key.pem -pubout -out pub.pem'";

  private final PublicKey key;
  private final String algorithm;
  private final Path file;

  private VerifyingKey(PublicKey key, String algorithm, Path file) {
    this.key = key;
    this.algorithm = algorithm;
    this.file = file;
  }

  /** Reads an X.509 SubjectPublicKeyInfo PEM of an Ed25519 or ECDSA P-256 key. */
  public static VerifyingKey read(Path file) {
    X509EncodedKeySpec spec = new X509EncodedKeySpec(Pem.read(file, "PUBLIC KEY", HINT));
    for (String type : new String[] {"Ed25519", "EC"}) {
      try {
        PublicKey key = KeyFactory.getInstance(type).generatePublic(spec);
        return new VerifyingKey(key, type.equals("EC") ? "SHA256withECDSA" : "Ed25519", file);
      } catch (GeneralSecurityException e) {
        // not this type; try the next
      }
    }
    throw new BundleException(
        "The key " + file + " is neither an Ed25519 nor an ECDSA public key; " + HINT);
  }

  /** Whether {@code signature} is this key's signature of {@code content}. */
  public boolean verifies(byte[] content, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(key);
      verifier.update(content);
      return verifier.verify(signature);
    } catch (java.security.SignatureException e) {
      return false; // a malformed signature is a wrong one
    } catch (GeneralSecurityException e) {
      throw new BundleException("Tried to check a signature with " + file + " but failed", e);
    }
  }

  /** The key file, for messages. */
  public Path file() {
    return file;
  }
}
