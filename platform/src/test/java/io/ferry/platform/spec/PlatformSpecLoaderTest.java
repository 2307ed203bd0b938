package io.ferry.platform.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.platform.PlatformException;
import io.ferry.platform.Problem;
import io.ferry.platform.SeedExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformSpecLoaderTest {

  @TempDir Path tmp;

  private static final String VALID =
      """
      apiVersion: ferry.dev/v1alpha1
      kind: Platform
      metadata: {name: shop, version: "1"}
      spec:
        arches: [amd64]
        registry: {host: registry.local, project: shop}
        namespace: shop
        domain: apps.local
        services:
          web:
            image: vendor.example/web:1
            ports: {http: 8080}
            env: {A: "1"}
          db:
            image: vendor.example/db:1
        external:
          cache:
            addresses: [10.0.0.1]
            ports: {redis: 6379}
      """;

  private Path write(String name, String text) throws IOException {
    Path file = tmp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private List<Problem> problems(String spec) throws IOException {
    return problems(write("ferry.yaml", spec), Optional.empty());
  }

  private static List<Problem> problems(Path spec, Optional<Path> values) {
    try {
      PlatformSpecLoader.load(spec, values);
    } catch (PlatformException e) {
      return e.problems();
    }
    throw new AssertionError("expected problems in " + spec);
  }

  /** "line path: message" per problem, which is what a user reads. */
  private static List<String> lines(List<Problem> problems) {
    return problems.stream()
        .map(p -> p.location().line() + " " + p.path() + ": " + p.message())
        .toList();
  }

  @Test
  void seedExampleIsValidWithAndWithoutSiteValues() {
    PlatformSpec seed = PlatformSpecLoader.load(SeedExample.spec(), Optional.empty());
    assertThat(seed.services()).containsOnlyKeys("abc-service", "gatekeeper");
    assertThat(seed.external()).containsOnlyKeys("redis-cluster");
    PlatformSpec site =
        PlatformSpecLoader.load(SeedExample.spec(), Optional.of(SeedExample.siteValues()));
    assertThat(site.registry().host()).isEqualTo("harbor.hz.internal");
    assertThat(site.services().get("gatekeeper").replicas()).isEqualTo(3);
  }

  @Test
  void reportsEveryProblemAtOnceWithPathAndLine() throws IOException {
    String spec =
        """
        apiVersion: ferry.dev/v1alpha1
        kind: Platform
        metadata:
          name: shop
          version: "1"
        spec:
          arches: [amd64]
          registry: {host: registry.local, project: shop}
          namespace: shop
          domain: apps.local
          services:
            web:
              image: vendor.example/web:1
              replcas: 2
              ports:
                http: 8080
                also-http: 8080
                a-very-long-port-name: 9000
                bad: 70000
              expose:
                nodePorts: {http: 80}
                ingress:
                  - port: 9999
                  - port: 8080
                    host: api.shop.apps.local
              resources:
                limits: {cpu: two, memory: 4GB}
              dependsOn: [db, cache]
            api:
              image: vendor.example/api:1
              replicas: two
              ports: {http: 8080}
              expose:
                ingress: [{port: 8080}]
              dependsOn: [worker]
            worker:
              ports: {http: 8080}
              dependsOn: [api]
            Bad_Name:
              image: vendor.example/x:1
          external:
            db:
              addresses: [db.example.com]
              ports: {pg: 5432}
        """;
    assertThat(lines(problems(spec)))
        .contains(
            "14 spec.services.web.replcas: unknown key 'replcas'; did you mean 'replicas'?",
            "16 spec.services.web.ports.http: port 8080 is already used by port 'also-http'",
            "18 spec.services.web.ports.a-very-long-port-name: name 'a-very-long-port-name' must"
                + " be at most 15 characters (an IANA service name)",
            "19 spec.services.web.ports.bad: bad was '70000' but it must be a port, 1 to 65535",
            "21 spec.services.web.expose.nodePorts.http: http was '80' but a NodePort must be in"
                + " 30000-32767 (the API server's default service-node-port-range)",
            "23 spec.services.web.expose.ingress[0].port: port was '9999' but it must be one of"
                + " the service's ports [8080, 8080, 9000, 70000]",
            "24 spec.services.web.expose.ingress[1]: ingress host 'api.shop.apps.local' is already"
                + " used by spec.services.api.expose.ingress[0]",
            "27 spec.services.web.resources.limits.cpu: cpu was 'two' but it must be a Kubernetes"
                + " quantity such as 2, 500m, 512Mi or 4Gi",
            "27 spec.services.web.resources.limits.memory: memory was '4GB' but it must be a"
                + " Kubernetes quantity such as 2, 500m, 512Mi or 4Gi (did you mean 4Gi?)",
            "28 spec.services.web.dependsOn[0]: 'db' is not a service of this platform; known:"
                + " [Bad_Name, api, web, worker]",
            "31 spec.services.api.replicas: replicas was 'two' but it must be an integer",
            "35 spec.services.api.dependsOn: dependsOn forms a cycle: api -> worker -> api",
            "36 spec.services.worker.image: image is required",
            "39 spec.services.Bad_Name: name 'Bad_Name' must be a DNS-1035 label: lowercase"
                + " letters, digits and '-', starting with a letter and ending with a letter or"
                + " digit",
            "43 spec.external.db.addresses[0]: address was 'db.example.com' but it must be an IP"
                + " address (Endpoints take no host names; a name outside the cluster needs no"
                + " Ferry entry)");
    assertThat(lines(problems(spec)))
        .anyMatch(l -> l.startsWith("28 spec.services.web.dependsOn[1]: 'cache' is not"));
  }

  @Test
  void errorMessageListsEveryProblemAsFileLinePathMessage() throws IOException {
    Path file = write("ferry.yaml", VALID.replace("image: vendor.example/db:1", "imag: x:1"));
    assertThatThrownBy(() -> PlatformSpecLoader.load(file, Optional.empty()))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("found 2 problems")
        .hasMessageContaining(
            file + ":15: spec.services.db.imag: unknown key 'imag'; did you mean 'image'?")
        .hasMessageContaining(file + ":14: spec.services.db.image: image is required");
  }

  @Test
  void wrongTypesSayWhatWasGivenAndWhatIsExpected() throws IOException {
    List<String> found =
        lines(
            problems(
                VALID
                    .replace("ports: {http: 8080}", "ports: [8080]")
                    .replace("arches: [amd64]", "arches: amd64")
                    .replace("env: {A: \"1\"}", "env: {A: {nested: map}}")));
    assertThat(found)
        .contains(
            "12 spec.services.web.ports: ports was a list but it must be a map of keys to values",
            "5 spec.arches: arches was 'amd64' but it must be a list",
            "13 spec.services.web.env.A: A was a map but it must be a string");
  }

  @Test
  void missingRequiredFieldsAreReported() throws IOException {
    List<String> found =
        lines(problems("apiVersion: ferry.dev/v1alpha1\nkind: Platform\nmetadata: {name: x}\n"));
    assertThat(found)
        .contains("3 metadata.version: version is required", "1 spec: spec is required");
  }

  @Test
  void foreignApiVersionAndKindAreRejected() throws IOException {
    assertThat(
            lines(
                problems(
                    VALID
                        .replace("ferry.dev/v1alpha1", "ferry.dev/v2")
                        .replace("kind: Platform", "kind: Deployment"))))
        .contains(
            "1 apiVersion: apiVersion was 'ferry.dev/v2' but this build of Ferry reads"
                + " 'ferry.dev/v1alpha1'",
            "2 kind: kind was 'Deployment' but it must be 'Platform'");
  }

  @Test
  void selfDependencyIsNamed() throws IOException {
    assertThat(lines(problems(VALID.replace("env: {A: \"1\"}", "dependsOn: [web]"))))
        .containsExactly("13 spec.services.web.dependsOn[0]: web cannot depend on itself");
  }

  @Test
  void unknownDependencySuggestsTheClosestService() throws IOException {
    assertThat(lines(problems(VALID.replace("env: {A: \"1\"}", "dependsOn: [dbb]"))))
        .containsExactly(
            "13 spec.services.web.dependsOn[0]: 'dbb' is not a service of this platform; did you"
                + " mean 'db'?");
  }

  @Test
  void defaultIngressHostsThatCollideWithAnExplicitOneAreReported() throws IOException {
    String spec =
        VALID.replace(
            "env: {A: \"1\"}",
            "expose: {ingress: [{port: 8080}, {port: 8080, host: web.shop.apps.local}]}");
    assertThat(lines(problems(spec)))
        .containsExactly(
            "13 spec.services.web.expose.ingress[1]: ingress host 'web.shop.apps.local' is"
                + " already used by spec.services.web.expose.ingress[0]");
  }

  @Test
  void badNamesOfNamespaceExternalAndVolumesAreReported() throws IOException {
    String spec =
        VALID
            .replace("namespace: shop", "namespace: Shop")
            .replace("cache:", "Cache:")
            .replace(
                "env: {A: \"1\"}",
                "volumes: {Data: {mountPath: data, size: 1Gb, accessMode: ReadWrite}}");
    assertThat(lines(problems(spec)))
        .contains(
            "7 spec.namespace: namespace was 'Shop' but it must be a DNS-1123 label: lowercase"
                + " letters, digits and '-', starting and ending with a letter or digit",
            "17 spec.external.Cache: name 'Cache' must be a DNS-1035 label: lowercase letters,"
                + " digits and '-', starting with a letter and ending with a letter or digit",
            "13 spec.services.web.volumes.Data.mountPath: mountPath was 'data' but it must be an"
                + " absolute path",
            "13 spec.services.web.volumes.Data.size: size was '1Gb' but it must be a Kubernetes"
                + " quantity such as 2, 500m, 512Mi or 4Gi (did you mean 1Gi?)")
        .anyMatch(l -> l.startsWith("13 spec.services.web.volumes.Data.accessMode: accessMode"))
        .anyMatch(l -> l.startsWith("13 spec.services.web.volumes.Data: name 'Data' must be"));
  }

  @Test
  void externalDependencyCannotTakeAServicesName() throws IOException {
    assertThat(lines(problems(VALID.replace("cache:", "web-headless:"))))
        .containsExactly(
            "17 spec.external.web-headless: name 'web-headless' is already the Service name of"
                + " spec.services.web (its headless Service)");
  }

  @Test
  void quotaRequiresEveryServiceToSetTheLimitedResource() throws IOException {
    String spec = VALID.replace("domain: apps.local", "domain: apps.local\n  quota: {cpu: \"8\"}");
    assertThat(lines(problems(spec)))
        .anyMatch(l -> l.contains("spec.services.db.resources: the quota limits cpu"))
        .anyMatch(l -> l.contains("spec.services.web.resources: the quota limits cpu"));
  }

  @Test
  void valuesMergeMapsAndReplaceLists() throws IOException {
    Path spec = write("ferry.yaml", VALID);
    Path values =
        write(
            "site.yaml",
            """
            arches: [arm64]
            registry: {host: harbor.site}
            services:
              web:
                replicas: 3
                env: {B: "2"}
            external:
              cache:
                addresses: [10.0.0.7, 10.0.0.8]
            """);
    PlatformSpec merged = PlatformSpecLoader.load(spec, Optional.of(values));
    assertThat(merged.arches()).containsExactly("arm64");
    assertThat(merged.registry().host()).isEqualTo("harbor.site");
    assertThat(merged.registry().project()).isEqualTo("shop");
    ServiceSpec web = merged.services().get("web");
    assertThat(web.replicas()).isEqualTo(3);
    assertThat(web.image()).isEqualTo("vendor.example/web:1");
    assertThat(web.env()).isEqualTo(Map.of("A", "1", "B", "2"));
    assertThat(merged.external().get("cache").addresses()).containsExactly("10.0.0.7", "10.0.0.8");
    assertThat(merged.external().get("cache").ports()).containsEntry("redis", 6379);
  }

  @Test
  void valuesProblemsPointIntoTheValuesFile() throws IOException {
    Path spec = write("ferry.yaml", VALID);
    Path values =
        write(
            "site.yaml",
            """
            registry: {host: harbor.site}
            services:
              web:
                replcas: 3
              extra:
                replicas: 1
            domian: x
            """);
    List<Problem> found = problems(spec, Optional.of(values));
    assertThat(found)
        .extracting(p -> p.location().file() + ":" + p.location().line() + " " + p.message())
        .containsExactlyInAnyOrder(
            values + ":4 unknown key 'replcas'; did you mean 'replicas'?",
            values + ":5 image is required",
            values + ":7 unknown key 'domian'; did you mean 'domain'?");
  }

  @Test
  void valuesThatAreNotAMapAreRejected() throws IOException {
    Path spec = write("ferry.yaml", VALID);
    Path values = write("site.yaml", "- just\n- a list\n");
    assertThat(problems(spec, Optional.of(values)))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("must be a map of spec keys"));
  }

  @Test
  void hostileShapesGiveProblemsNeverACrash() throws IOException {
    List<String> hostile =
        List.of(
            "",
            "just a string",
            "[1, 2]",
            "spec: 5",
            VALID.replace("web:\n", "web: null\n  web2:\n"),
            VALID.replace("http: 8080", "http: null"),
            VALID.replace("env: {A: \"1\"}", "readiness: {}"),
            VALID.replace("env: {A: \"1\"}", "readiness: {httpGet: {path: x, port: nope}}"),
            VALID.replace("env: {A: \"1\"}", "expose: {ingress: [5, {host: a.b}]}"),
            VALID.replace("env: {A: \"1\"}", "env: {A: \"1\", A: \"2\"}"),
            VALID.replace("arches: [amd64]", "arches: &a [*a]"),
            VALID.replace("arches: [amd64]", "arches: [{a: 1}]"),
            VALID.replace("ports: {http: 8080}", "ports: {http: 99999999999999}"),
            VALID.replace("services:", "services: ~\n  other:"),
            VALID.replace("image: vendor.example/db:1", "image: \"\""),
            VALID.replace("image: vendor.example/db:1", "image: vendor.example/db"),
            VALID.replace("image: vendor.example/db:1", "kind: CronJob\n      image: db:1"));
    List<String> accepted = new java.util.ArrayList<>();
    for (String spec : hostile) {
      Path file = write("hostile.yaml", spec);
      try {
        PlatformSpecLoader.load(file, Optional.empty());
        accepted.add(spec);
      } catch (PlatformException e) {
        assertThat(e).hasMessageStartingWith("Tried to");
      }
    }
    assertThat(accepted).as("hostile specs accepted").isEmpty();
  }
}
