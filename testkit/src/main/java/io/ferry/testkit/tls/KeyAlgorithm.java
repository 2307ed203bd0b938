package io.ferry.testkit.tls;

/** The key types the testkit makes: EC P-256 for TLS, RSA 2048 where RS256 needs it. */
public enum KeyAlgorithm {
  /** EC on curve P-256. */
  EC,
  /** RSA with a 2048-bit modulus. */
  RSA
}
