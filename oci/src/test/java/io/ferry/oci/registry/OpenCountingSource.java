package io.ferry.oci.registry;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Content in memory that counts how often it is opened, to see a body read afresh per attempt. */
final class OpenCountingSource implements BlobSource {

  private final byte[] content;
  private final AtomicInteger opened = new AtomicInteger();

  OpenCountingSource(byte[] content) {
    this.content = content;
  }

  int opened() {
    return opened.get();
  }

  @Override
  public long size() {
    return content.length;
  }

  @Override
  public InputStream open(long offset) {
    opened.incrementAndGet();
    return new ByteArrayInputStream(content, (int) offset, content.length - (int) offset);
  }
}
