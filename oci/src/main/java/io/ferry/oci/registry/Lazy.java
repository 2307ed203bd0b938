package io.ferry.oci.registry;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Makes a value on first use, once, and hands out the same one afterwards. Thread-safe. */
final class Lazy<T> implements Supplier<T> {

  private final Supplier<T> maker;
  private volatile @Nullable T value;

  Lazy(Supplier<T> maker) {
    this.maker = maker;
  }

  @Override
  public T get() {
    T made = value;
    if (made == null) {
      synchronized (this) {
        made = value;
        if (made == null) {
          made = maker.get();
          value = made;
        }
      }
    }
    return made;
  }
}
