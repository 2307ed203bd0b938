package io.ferry.server.instance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Records the start once the database is migrated, and logs which installation started. */
@Component
class StartRecorder implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(StartRecorder.class);
  private final InstallationService installations;

  StartRecorder(InstallationService installations) {
    this.installations = installations;
  }

  @Override
  public void run(ApplicationArguments args) {
    Installation installation = installations.recordStart();
    log.info(
        "Installation {} (created {}), start number {}",
        installation.id(),
        installation.createdAt(),
        installation.starts());
  }
}
