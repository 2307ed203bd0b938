package io.ferry.testkit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Lifecycle shared by the testkit's extensions: a static field starts the service once for its test
 * class, an instance field once per test, and test parameters of the service's type get it.
 */
public abstract class ServiceExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {

  // The context that started the service stops it, so @Nested classes share their outer service.
  private @Nullable String startedBy;

  /** Starts the service; called once before it is used. */
  protected abstract void start(ExtensionContext context);

  /** Stops the service and everything it started. */
  protected abstract void stop(ExtensionContext context);

  /** Returns the value for a test parameter of {@code type}, or null when this cannot supply it. */
  protected @Nullable Object resolve(Class<?> type) {
    return type.isInstance(this) ? this : null;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startOnce(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    startOnce(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stopIfStartedBy(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return resolve(parameter.getParameter().getType()) != null;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    startOnce(context);
    Object value = resolve(parameter.getParameter().getType());
    if (value == null) {
      throw new TestkitException(
          getClass().getSimpleName() + " cannot supply " + parameter.getParameter());
    }
    return value;
  }

  private synchronized void startOnce(ExtensionContext context) {
    if (startedBy == null) {
      start(context);
      startedBy = context.getUniqueId();
    }
  }

  private synchronized void stopIfStartedBy(ExtensionContext context) {
    if (context.getUniqueId().equals(startedBy)) {
      startedBy = null;
      stop(context);
    }
  }
}
