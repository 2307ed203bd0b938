package io.ferry.bundle;

import io.ferry.oci.AesGcmWarmUp;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link RegistryClient} per registry, all with the same credentials and transport. */
public final class RegistryClients {

  private final CredentialProvider credentials;
  private final TransportOptions transport;
  private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

  public RegistryClients(CredentialProvider credentials, TransportOptions transport) {
    this.credentials = credentials;
    this.transport = transport;
  }

  /** The client for {@code registry} ({@code host[:port]}). */
  public RegistryClient client(String registry) {
    return clients.computeIfAbsent(
        registry,
        host -> RegistryClient.builder(host).credentials(credentials).transport(transport).build());
  }

  /**
   * Readies AES-GCM on another core when {@code registry} is reached over TLS: for commands about
   * to move blobs through it in bulk ({@link AesGcmWarmUp}).
   */
  void warmUpTlsFor(String registry) {
    if (transport.schemeFor(registry).equals("https")) {
      AesGcmWarmUp.start();
    }
  }

  public CredentialProvider credentials() {
    return credentials;
  }

  public TransportOptions transport() {
    return transport;
  }
}
