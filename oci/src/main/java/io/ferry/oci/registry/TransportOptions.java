package io.ferry.oci.registry;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How to reach a registry: TLS trust, plain HTTP, timeouts and retries.
 *
 * <p>With {@link Protocol#AUTO}, plain HTTP is used for loopback hosts ({@code localhost}, {@code
 * 127.0.0.0/8}, {@code [::1]}) unless a CA file or insecure TLS is given, which only make sense for
 * a TLS registry; HTTPS everywhere else.
 *
 * @param caFile PEM file of CA certificates trusted in addition to the JDK's, or null
 * @param insecureSkipTlsVerify trust any certificate and host name (for testing only)
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for the answer to a small request (not a blob transfer)
 * @param chunkSize blobs larger than this are uploaded in chunks of this size
 */
public record TransportOptions(
    @Nullable Path caFile,
    boolean insecureSkipTlsVerify,
    Protocol protocol,
    Duration connectTimeout,
    Duration requestTimeout,
    RetryPolicy retry,
    long chunkSize) {

  /** Which protocol to speak. */
  public enum Protocol {
    /** Plain HTTP for loopback hosts without TLS options, HTTPS otherwise. */
    AUTO,
    /** Always plain HTTP ({@code --plain-http}). */
    HTTP,
    /** Always HTTPS, even on loopback. */
    HTTPS
  }

  public TransportOptions {
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException(
          "connectTimeout was " + connectTimeout + " but it must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException(
          "requestTimeout was " + requestTimeout + " but it must be positive");
    }
    if (chunkSize < 1) {
      throw new IllegalArgumentException("chunkSize was " + chunkSize + " but it must be positive");
    }
  }

  /** TLS with the JDK's trust, 10 s to connect, 60 s per small request, 64 MiB chunks. */
  public static TransportOptions defaults() {
    return new TransportOptions(
        null,
        false,
        Protocol.AUTO,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        RetryPolicy.DEFAULT,
        64L * 1024 * 1024);
  }

  /**
   * Reads the CA file now, so that a missing or malformed one stops a command before its work
   * rather than failing every transfer; the certificates are kept for the TLS connections.
   *
   * @throws io.ferry.oci.OciException saying what is wrong with the file
   */
  public void checkCaFile() {
    if (caFile != null) {
      HttpClients.caCertificates(caFile);
    }
  }

  public TransportOptions withCaFile(@Nullable Path newCaFile) {
    return new TransportOptions(
        newCaFile,
        insecureSkipTlsVerify,
        protocol,
        connectTimeout,
        requestTimeout,
        retry,
        chunkSize);
  }

  public TransportOptions withInsecureSkipTlsVerify(boolean insecure) {
    return new TransportOptions(
        caFile, insecure, protocol, connectTimeout, requestTimeout, retry, chunkSize);
  }

  /** {@link Protocol#HTTP} when {@code plain}, else {@link Protocol#AUTO}. */
  public TransportOptions withPlainHttp(boolean plain) {
    return withProtocol(plain ? Protocol.HTTP : Protocol.AUTO);
  }

  public TransportOptions withProtocol(Protocol newProtocol) {
    return new TransportOptions(
        caFile,
        insecureSkipTlsVerify,
        newProtocol,
        connectTimeout,
        requestTimeout,
        retry,
        chunkSize);
  }

  public TransportOptions withRetry(RetryPolicy newRetry) {
    return new TransportOptions(
        caFile,
        insecureSkipTlsVerify,
        protocol,
        connectTimeout,
        requestTimeout,
        newRetry,
        chunkSize);
  }

  public TransportOptions withChunkSize(long newChunkSize) {
    return new TransportOptions(
        caFile,
        insecureSkipTlsVerify,
        protocol,
        connectTimeout,
        requestTimeout,
        retry,
        newChunkSize);
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(
        caFile, insecureSkipTlsVerify, protocol, connect, request, retry, chunkSize);
  }

  /** {@code http} or {@code https} for {@code registry} ({@code host[:port]}). */
  public String schemeFor(String registry) {
    if (protocol != Protocol.AUTO) {
      return protocol == Protocol.HTTP ? "http" : "https";
    }
    if (caFile != null || insecureSkipTlsVerify) {
      return "https";
    }
    return isLoopback(hostOf(registry)) ? "http" : "https";
  }

  static String hostOf(String registry) {
    if (registry.startsWith("[")) {
      int end = registry.indexOf(']');
      return end > 0 ? registry.substring(0, end + 1) : registry;
    }
    int colon = registry.lastIndexOf(':');
    return colon >= 0 ? registry.substring(0, colon) : registry;
  }

  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost") || host.equals("[::1]") || host.equals("::1")) {
      return true;
    }
    String[] octets = host.split("\\.");
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
