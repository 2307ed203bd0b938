package io.ferry.bundle;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A private key that signs bundle indexes: ECDSA P-256 (SHA-256, DER signature, as {@code openssl
 * dgst -sha256 -sign} makes) or Ed25519 (as {@code openssl pkeyutl -sign -rawin} makes).
 */
public final class SigningKey {

  static final String HINT =
      "make one with 'openssl genpkey -algorithm ed25519 -out key.pem' or 'openssl genpkey"
          + " -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem'";

  private final PrivateKey key;
  private final String algorithm;

  private SigningKey(PrivateKey key, String algorithm) {
    this.key = key;
    this.algorithm = algorithm;
  }

  /** Reads a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
  public static SigningKey read(Path file) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Pem.read(file, "PRIVATE KEY", HINT));
    for (String type : new String[] {"Ed25519", "EC"}) {
      try {
        PrivateKey key = KeyFactory.getInstance(type).generatePrivate(spec);
        if (key instanceof ECPrivateKey ec
            && ec.getParams().getCurve().getField().getFieldSize() != 256) {
          throw new BundleException(
              "The key "
                  + file
                  + " is an EC key not on P-256; Ferry signs with P-256 or Ed25519; "
                  + HINT);
        }
        return new SigningKey(key, type.equals("EC") ? "SHA256withECDSA" : "Ed25519");
      } catch (GeneralSecurityException e) {
        // not this type; try the next
      }
    }
    throw new BundleException(
        "The key " + file + " is neither an Ed25519 nor an ECDSA P-256 private key; " + HINT);
  }

  /** The JCA signature algorithm, {@code Ed25519} or {@code SHA256withECDSA}. */
  public String algorithm() {
    return algorithm;
  }

  /** Signs {@code content}. */
  public byte[] sign(byte[] content) {
    try {
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(key);
      signature.update(content);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new BundleException(
          "Tried to sign the bundle index with " + algorithm + " but failed", e);
    }
  }
}
