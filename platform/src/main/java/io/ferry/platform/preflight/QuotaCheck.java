package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.Release;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether every ResourceQuota of the namespace, and the platform's own, has room for the rendered
 * workloads, counting what this platform's current workloads already use.
 */
final class QuotaCheck {

  private final KubernetesClient client;

  QuotaCheck(KubernetesClient client) {
    this.client = client;
  }

  List<Finding> check(Release release, boolean namespaceExists) {
    Map<String, BigDecimal> needs = ResourceNeeds.of(release.objects());
    List<ResourceQuota> quotas = new ArrayList<>();
    Map<String, BigDecimal> ours = Map.of();
    if (namespaceExists) {
      quotas.addAll(client.resourceQuotas().inNamespace(release.namespace()).list().getItems());
      List<HasMetadata> live = new ArrayList<>();
      Map<String, String> platform = Map.of("app.kubernetes.io/part-of", release.platform());
      live.addAll(
          client
              .apps()
              .statefulSets()
              .inNamespace(release.namespace())
              .withLabels(platform)
              .list()
              .getItems());
      live.addAll(
          client
              .apps()
              .deployments()
              .inNamespace(release.namespace())
              .withLabels(platform)
              .list()
              .getItems());
      ours = ResourceNeeds.of(live);
    }
    // The platform's own quota replaces a live one of the same name.
    for (HasMetadata object : release.objects()) {
      if (object instanceof ResourceQuota rendered) {
        quotas.removeIf(q -> q.getMetadata().getName().equals(rendered.getMetadata().getName()));
        quotas.add(rendered);
      }
    }
    if (quotas.isEmpty()) {
      return List.of(
          Finding.ok("quota", release.namespace(), "no ResourceQuota limits the namespace"));
    }
    List<Finding> findings = new ArrayList<>();
    for (ResourceQuota quota : quotas) {
      findings.add(room(quota, needs, ours));
    }
    return findings;
  }

  private static Finding room(
      ResourceQuota quota, Map<String, BigDecimal> needs, Map<String, BigDecimal> ours) {
    Map<String, Quantity> hard =
        quota.getSpec() == null || quota.getSpec().getHard() == null
            ? Map.of()
            : quota.getSpec().getHard();
    Map<String, Quantity> used =
        quota.getStatus() == null || quota.getStatus().getUsed() == null
            ? Map.of()
            : quota.getStatus().getUsed();
    List<String> short_ = new ArrayList<>();
    List<String> fits = new ArrayList<>();
    for (Map.Entry<String, Quantity> limit : new java.util.TreeMap<>(hard).entrySet()) {
      BigDecimal need = needs.get(limit.getKey());
      if (need == null) {
        continue;
      }
      BigDecimal usedNow =
          used.containsKey(limit.getKey())
              ? used.get(limit.getKey()).getNumericalAmount()
              : BigDecimal.ZERO;
      BigDecimal ourNow = ours.getOrDefault(limit.getKey(), BigDecimal.ZERO).min(usedNow);
      BigDecimal room = limit.getValue().getNumericalAmount().subtract(usedNow).add(ourNow);
      String line =
          limit.getKey()
              + " needs "
              + plain(need)
              + ", room "
              + plain(room)
              + " (hard "
              + limit.getValue()
              + ", used "
              + plain(usedNow)
              + (ourNow.signum() > 0 ? " of which this platform " + plain(ourNow) : "")
              + ")";
      (need.compareTo(room) > 0 ? short_ : fits).add(line);
    }
    String subject = "ResourceQuota " + quota.getMetadata().getName();
    if (!short_.isEmpty()) {
      return Finding.problem("quota", subject, "not enough room: " + String.join("; ", short_));
    }
    return Finding.ok(
        "quota",
        subject,
        fits.isEmpty() ? "limits nothing this platform asks for" : String.join("; ", fits));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
