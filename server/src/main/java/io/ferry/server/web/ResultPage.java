package io.ferry.server.web;

import java.util.List;

/**
 * One page of a list answered by the REST API.
 *
 * @param items the items on this page
 * @param page the zero-based page number
 * @param size the page size asked for
 * @param total how many items match in all
 */
public record ResultPage<T>(List<T> items, int page, int size, long total) {

  /** Checks the paging parameters of a request, naming the bad one. */
  public static PageRequest request(int page, int size) {
    return new PageRequest(page, size);
  }

  /**
   * Paging parameters.
   *
   * @param page zero-based page number
   * @param size items per page, 1 to 500
   */
  public record PageRequest(int page, int size) {
    /** Rejects a negative page or a size outside 1–500. */
    public PageRequest {
      if (page < 0) {
        throw new BadRequestException("page", "page was '" + page + "' but it must be 0 or more");
      }
      if (size < 1 || size > 500) {
        throw new BadRequestException(
            "size", "size was '" + size + "' but it must be between 1 and 500");
      }
    }

    /** The row offset of this page. */
    public long offset() {
      return (long) page * size;
    }
  }
}
