package io.ferry.oci.registry;

import io.ferry.oci.auth.CredentialUse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.jspecify.annotations.Nullable;

/**
 * The likely cause of a failed registry call, for the end of its error message. Public for the
 * calls that reach a registry's host outside this client (Harbor's project API).
 */
public final class ErrorHints {

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(409, "Conflict"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(416, "Range Not Satisfiable"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  private ErrorHints() {}

  static String statusLine(int status) {
    String reason = REASONS.get(status);
    return reason == null ? String.valueOf(status) : status + " " + reason;
  }

  static String forStatus(
      int status,
      ErrorResponse error,
      String registry,
      @Nullable String repository,
      CredentialUse credentials,
      boolean push) {
    List<String> codes = error.codes();
    String project = project(repository);
    String permission = push ? "push" : "pull";
    // Harbor refuses any call into a project it lacks with "project P not found": as 401
    // UNAUTHORIZED from its registry middleware, as 404 NOT_FOUND from its API.
    if (codes.contains("NAME_UNKNOWN")
        || (project != null && error.summary().contains("project " + project + " not found"))) {
      return "the repository"
          + (project == null ? "" : " or project '" + project + "'")
          + " does not exist on "
          + registry
          + (push ? " (create the project first; with Harbor, ferry bundle push --harbor)" : "");
    }
    if (status == 401) {
      if (credentials.identityTokenOnly()) {
        return "the credentials found for "
            + registry
            + " ("
            + credentials.source()
            + ") are an identity token, which this registry does not take (it asks for basic"
            + " auth): pass --username and --password-stdin";
      }
      return credentials.sent()
          ? "check the username and password for "
              + registry
              + (credentials.source().isEmpty() ? "" : " (from " + credentials.source() + ")")
              + ", and that the account (for Harbor, the robot account) has "
              + permission
              + " permission"
              + (project == null
                  ? ""
                  : " for project '"
                      + project
                      + "', and that the project exists (Harbor answers 401 for a project it"
                      + " lacks"
                      + (push ? "; ferry bundle push --harbor creates it)" : ")"))
          : "the registry wants credentials: pass --username and --password-stdin, or run"
              + " docker login "
              + registry
              + " (Ferry finds what it saves, in the config's 'auths' or its credential helper)";
    }
    if (status == 403 || codes.contains("DENIED")) {
      return "the account is not allowed to "
          + permission
          + (project == null ? "" : " in project '" + project + "'")
          + "; ask for the permission, or check the project's quota and immutability rules";
    }
    if (codes.contains("MANIFEST_UNKNOWN")) {
      return "no image with that tag or digest in this repository, or no such repository";
    }
    if (codes.contains("BLOB_UNKNOWN")) {
      return "the registry does not have this blob in this repository";
    }
    if (codes.contains("DIGEST_INVALID")) {
      return "the registry computed a different digest: the content changed on the way";
    }
    if (codes.contains("MANIFEST_BLOB_UNKNOWN")) {
      return "push every blob the manifest names before the manifest";
    }
    if (codes.contains("UNSUPPORTED") || status == 405) {
      return "the registry does not allow this call here (read-only, or a proxy cache)";
    }
    if (codes.contains("TOOMANYREQUESTS") || status == 429) {
      return "the registry is rate limiting; try again later or with fewer parallel transfers";
    }
    if (status == 400
        && (error.summary().isEmpty() || error.summary().contains("HTTP request to an HTTPS"))) {
      // What a Go server (distribution, Harbor) answers plain HTTP with on a TLS port; to a HEAD
      // it comes without the body that says so.
      return "if "
          + registry
          + " speaks HTTPS: without --plain-http, pass --ca-file with the CA that signed its"
          + " certificate, or --insecure-skip-tls-verify (a loopback registry is reached over"
          + " plain HTTP otherwise)";
    }
    if (status == 404) {
      return "not found on " + registry;
    }
    if (status == 413) {
      return "the registry or a proxy in front of it limits request size; lower the chunk size";
    }
    if (status == 416) {
      return "the upload's offset disagrees with the registry's; the upload will restart";
    }
    if (status >= 500) {
      return "the registry failed on its side; check its logs and storage";
    }
    return "";
  }

  /**
   * What probably broke a connection to {@code registry} ({@code host[:port]}) over {@code scheme}:
   * a certificate, TLS on one side only, a registry not running, a name that does not resolve.
   */
  public static String forIoError(IOException e, String registry, String scheme) {
    Throwable cause = rootCause(e);
    String chain = messages(e);
    if (chain.contains("No subject alternative") || chain.contains("No name matching")) {
      return "the certificate of "
          + registry
          + " is not made out to that name or address: reach the registry by a name its"
          + " certificate lists, or have a certificate issued for "
          + registry.replaceFirst(":[0-9]+$", "");
    }
    if (inChain(e, CertificateExpiredException.class)
        || inChain(e, CertificateNotYetValidException.class)
        || chain.contains("validity check failed")) {
      return "the certificate of "
          + registry
          + " (or of a CA in its chain) has expired or is not valid yet: renew it, or check this"
          + " machine's clock";
    }
    if (chain.contains("Remote host terminated the handshake")) {
      // No alert, no certificate: the other side closed the connection at our TLS hello, as a
      // server that speaks plain HTTP (a JDK or Netty one) does.
      return registry
          + " closed the connection at the TLS handshake: if it speaks plain HTTP, pass"
          + " --plain-http instead of --ca-file or --insecure-skip-tls-verify; else check its"
          + " TLS set-up";
    }
    if (String.valueOf(e.getMessage()).contains("neither a CA of --ca-file")) {
      // the message names the certificates; --ca-file was given
      return "check that the CA file holds the CA that issued the registry's certificate";
    }
    if (e instanceof SSLHandshakeException
        || cause instanceof CertificateException
        || cause instanceof CertPathValidatorException) {
      return "the TLS handshake with "
          + registry
          + " failed: pass --ca-file with the CA that signed its certificate, or check that CA";
    }
    if (e instanceof SSLException) {
      String message = String.valueOf(e.getMessage());
      return message.contains("plaintext") || message.contains("Unsupported or unrecognized")
          ? registry
              + " does not speak TLS here: pass --plain-http instead of --ca-file or"
              + " --insecure-skip-tls-verify (without them a loopback registry is reached over"
              + " plain HTTP anyway)"
          : "TLS with " + registry + " failed: check its certificate, or pass --ca-file";
    }
    if (e instanceof ConnectException || cause instanceof ConnectException) {
      return "is the registry running at " + registry + ", and listening for " + scheme + " there?";
    }
    if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
      return "the host name of " + registry + " does not resolve here; check it or use the IP";
    }
    if (e instanceof HttpTimeoutException) {
      return "the registry did not answer in time; is it overloaded, or is a firewall dropping packets?";
    }
    return "the connection to " + registry + " broke; check the network and the registry's logs";
  }

  /** Every message in the cause chain, for telling TLS failures apart. */
  private static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static @Nullable String project(@Nullable String repository) {
    if (repository == null) {
      return null;
    }
    int slash = repository.indexOf('/');
    return slash < 0 ? repository : repository.substring(0, slash);
  }
}
