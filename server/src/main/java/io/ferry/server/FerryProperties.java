package io.ferry.server;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The console's own settings ({@code ferry.*}).
 *
 * @param dataDir where the console keeps its database, keys and first admin password
 * @param adminPasswordFile a file with the first admin's password, instead of a random one
 */
@ConfigurationProperties("ferry")
public record FerryProperties(Path dataDir, @Nullable Path adminPasswordFile) {}
