package io.ferry.platform.render;

import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.ServiceSpec;

/** The names of derived objects, in one place so apply and prune agree with render. */
final class Names {

  private Names() {}

  static String headlessService(ServiceSpec service) {
    return service.name() + "-headless";
  }

  static String configMap(ServiceSpec service) {
    return service.name() + "-files";
  }

  static String sharedClaim(ServiceSpec service, String volume) {
    return service.name() + "-" + volume;
  }

  static String quota(PlatformSpec spec) {
    return spec.name() + "-quota";
  }
}
