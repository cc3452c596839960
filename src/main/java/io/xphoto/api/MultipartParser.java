package io.xphoto.api;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A streaming multipart/form-data parser (RFC 7578, RFC 2046 §5.1) for the upload routes: it is fed the request
 * body chunk by chunk on the event loop, finds the delimiters (across chunk edges) with a fixed-stride scan and
 * Boyer-Moore-Horspool, reads each part's {@code Content-Disposition} (name, filename; other headers are ignored,
 * but for a nested multipart/mixed part) and appends the bytes of each file part (a part with a filename) straight
 * into one byte array per file, sized from the request's Content-Length when it is known and grown geometrically
 * otherwise, never beyond the per-file limit. A chunk is read where it lies: only what a chunk leaves unfinished (the
 * few bytes that may begin a delimiter, an incomplete header block) is carried over to the next in a small window,
 * so a file's bytes are copied once from the array they are fed in.
 *
 * <p>Form fields (parts without a filename) are skipped, bounded like the HTTP server's form limits. Past a limit
 * (a file over {@code maxFileBytes}, more than {@code maxFiles} files) the parser records the {@link #refusal()},
 * stops parsing and ignores the rest of the body. A body that does not follow the grammar fails with
 * {@link MalformedMultipart}. Not thread-safe: one parser per request.
 */
final class MultipartParser {

  /** Why a body was refused; the first refusal wins and ends the parsing. */
  enum Refusal { FILE_TOO_LARGE, TOO_MANY_FILES }

  /** The body does not follow the multipart grammar; the message says where. */
  static final class MalformedMultipart extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedMultipart(String message) {
      super(message, null, false, false);
    }
  }

  /** Longest boundary accepted: RFC 2046 allows 70 characters, some clients use a little more. */
  static final int MAX_BOUNDARY = 200;
  /** Header block of one part. */
  static final int MAX_HEADER_BYTES = 16 * 1024;
  /** Value of one form field, as the HTTP server's default maxFormAttributeSize. */
  static final int MAX_FIELD_BYTES = 8192;
  /** Form fields per request, as the HTTP server's default maxFormFields. */
  static final int MAX_FIELDS = 256;
  private static final int INITIAL_FILE_CAPACITY = 16 * 1024;
  /**
   * How much of a chunk goes to the window behind the bytes carried over, more than the longest delimiter: then
   * the carried bytes can be read to their end (but in a long header block), and the rest of the chunk in place.
   */
  private static final int LOOKAHEAD = 512;

  private enum State { PREAMBLE, AFTER_DELIMITER, HEADERS, BODY, EPILOGUE, REFUSED }

  /** The delimiter searched for now ("CR LF --boundary"), that of a nested multipart/mixed part while in one. */
  private byte[] delimiter;
  private int[] skip;
  private byte[] formDelimiter;
  private int[] formSkip;
  /** The field name of the multipart/mixed part being read, or null. */
  private String mixedField;
  private final int maxFileBytes;
  private final int maxFiles;
  private final long expectedLength;
  private final List<MultipartFiles.Part> files = new ArrayList<>();

  /** Unconsumed input is {@code in[pos, limit)}; {@code in} is the window or the chunk being fed. */
  private byte[] in;
  private int pos;
  private int limit;
  /** Where {@code in[0]} is in the body (the two leading CR LF counted). */
  private long inStart;
  /** The bytes carried over from one chunk to the next. */
  private byte[] window;
  /** Where {@link #feed(Buffer)} copies a chunk: read, then left, before the next. */
  private byte[] scratch = new byte[0];
  /** Bytes received so far, the two leading CR LF included. */
  private long received;
  private State state = State.PREAMBLE;
  private Refusal refusal;
  private int headerScanned;
  private int fields;

  // the part being read
  private String field;
  private String filename;
  private boolean isFile;
  private byte[] bytes;
  private int size;
  private int capacityHint;

  /**
   * @param boundary the boundary parameter of the Content-Type (see {@link #boundary(String)})
   * @param expectedLength the request's Content-Length, or -1: only used to size the file arrays
   */
  MultipartParser(String boundary, int maxFileBytes, int maxFiles, long expectedLength) {
    delimiter = delimiter(boundary);
    skip = skipTable(delimiter);
    int m = delimiter.length;
    this.maxFileBytes = maxFileBytes;
    this.maxFiles = maxFiles;
    this.expectedLength = expectedLength < 0 ? -1 : expectedLength + 2;
    // The first delimiter may open the body: a CR LF in front lets one search find it there or after a preamble.
    window = new byte[Math.max(LOOKAHEAD, m) * 2];
    window[0] = '\r';
    window[1] = '\n';
    in = window;
    limit = 2;
    received = 2;
  }

  private static byte[] delimiter(String boundary) {
    byte[] b = boundary.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length == 0 || b.length > MAX_BOUNDARY) {
      throw new IllegalArgumentException("boundary of " + b.length + " bytes");
    }
    byte[] delimiter = new byte[b.length + 4];
    delimiter[0] = '\r';
    delimiter[1] = '\n';
    delimiter[2] = '-';
    delimiter[3] = '-';
    System.arraycopy(b, 0, delimiter, 4, b.length);
    return delimiter;
  }

  /** The Horspool shifts of a pattern. */
  private static int[] skipTable(byte[] pattern) {
    int m = pattern.length;
    int[] skip = new int[256];
    Arrays.fill(skip, m);
    for (int i = 0; i < m - 1; i++) {
      skip[pattern[i] & 0xff] = m - 1 - i;
    }
    return skip;
  }

  /**
   * The boundary parameter of a multipart Content-Type (quoted or not), or null if it has none or an invalid
   * one (empty, longer than {@link #MAX_BOUNDARY}, or with control or non-ASCII characters).
   */
  static String boundary(String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    if (semicolon < 0) {
      return null;
    }
    for (Parameter parameter : parameters(contentType, semicolon)) {
      if (parameter.name().equals("boundary")) {
        String value = parameter.value();
        if (value.isEmpty() || value.length() > MAX_BOUNDARY) {
          return null;
        }
        for (int i = 0; i < value.length(); i++) {
          char c = value.charAt(i);
          if (c < 0x20 || c > 0x7e) {
            return null;
          }
        }
        return value;
      }
    }
    return null;
  }

  /** The first refusal, or null while the body is within the limits. */
  Refusal refusal() {
    return refusal;
  }

  /**
   * Copies the chunk into a scratch array reused from chunk to chunk (Vert.x 5 has no public access to a
   * buffer's own array) and reads it there; against reading the chunk's own array through the internal API,
   * measured within the noise (medians 3-5 % lower, slice spreads 10-30 %: bench/README.md).
   */
  void feed(Buffer chunk) throws MalformedMultipart {
    int length = chunk.length();
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    chunk.getBytes(0, length, scratch, 0);
    feed(scratch, 0, length);
  }

  /** {@code chunk[offset, offset + length)} is not used after this returns. */
  void feed(byte[] chunk, int offset, int length) throws MalformedMultipart {
    if (state == State.REFUSED || state == State.EPILOGUE) {
      return;
    }
    long chunkStart = received;
    received += length;
    int carried = limit - pos;
    int inChunk = 0;
    if (carried > 0) {
      compactWindow();
      int head = Math.min(length, LOOKAHEAD);
      appendToWindow(chunk, offset, head);
      run();
      if (pos < carried) {
        appendToWindow(chunk, offset + head, length - head);
        run();
        return;
      }
      inChunk = pos - carried;
    }
    in = chunk;
    inStart = chunkStart - offset;
    pos = offset + inChunk;
    limit = offset + length;
    run();
    carryOver();
  }

  /**
   * The end of the body: returns the files, in order, unless the body was refused (then the list is
   * incomplete: check {@link #refusal()} first). An empty body has no files.
   */
  List<MultipartFiles.Part> end() throws MalformedMultipart {
    if (state == State.REFUSED || state == State.EPILOGUE || received == 2) {
      return files;
    }
    throw new MalformedMultipart(state == State.PREAMBLE ? "no boundary found" : "missing final boundary");
  }

  /** Moves the window's unread bytes to its start (the window is being read). */
  private void compactWindow() {
    if (pos > 0) {
      System.arraycopy(window, pos, window, 0, limit - pos);
      inStart += pos;
      limit -= pos;
      pos = 0;
    }
  }

  private void appendToWindow(byte[] bytes, int offset, int length) {
    if (window.length - limit < length) {
      window = Arrays.copyOf(window, Math.max(window.length * 2, limit + length));
      in = window;
    }
    System.arraycopy(bytes, offset, window, limit, length);
    limit += length;
  }

  /** Copies what is left unread of a chunk to the window: the chunk is not ours once feed returns. */
  private void carryOver() {
    int unread = limit - pos;
    if (window.length < unread) {
      window = new byte[Math.max(window.length * 2, unread)];
    }
    System.arraycopy(in, pos, window, 0, unread);
    inStart += pos;
    in = window;
    pos = 0;
    limit = unread;
  }

  private void run() throws MalformedMultipart {
    while (true) {
      switch (state) {
        case PREAMBLE, BODY -> {
          if (!body()) {
            return;
          }
        }
        case AFTER_DELIMITER -> {
          if (!afterDelimiter()) {
            return;
          }
        }
        case HEADERS -> {
          if (!headers()) {
            return;
          }
        }
        case EPILOGUE, REFUSED -> {
          pos = limit;
          return;
        }
      }
    }
  }

  /** Content up to the next delimiter; false when more input is needed. */
  private boolean body() throws MalformedMultipart {
    int m = delimiter.length;
    int found = indexOfDelimiter(in, pos, limit);
    if (found < 0) {
      // the last m - 1 bytes may begin a delimiter
      int safe = limit - (m - 1);
      if (safe > pos) {
        content(pos, safe - pos, false);
        pos = safe;
      }
      return false;
    }
    content(pos, found - pos, true);
    if (state == State.REFUSED) {
      return true;
    }
    if (state == State.BODY) {
      endPart();
    }
    pos = found + m;
    state = State.AFTER_DELIMITER;
    return true;
  }

  /** After a delimiter: "--" closes the body, else optional white space and CR LF open a part. */
  private boolean afterDelimiter() throws MalformedMultipart {
    while (pos < limit && (in[pos] == ' ' || in[pos] == '\t')) {
      pos++;
    }
    if (limit - pos < 2) {
      return false;
    }
    byte first = in[pos];
    byte second = in[pos + 1];
    if (first == '-' && second == '-') {
      if (mixedField != null) {
        // end of a nested multipart/mixed: what follows, up to the next form delimiter, is its epilogue
        delimiter = formDelimiter;
        skip = formSkip;
        field = mixedField;
        mixedField = null;
        isFile = false;
        size = 0;
        pos += 2;
        state = State.BODY;
        return true;
      }
      state = State.EPILOGUE;
      return true;
    }
    if (first == '\r' && second == '\n') {
      pos += 2;
      state = State.HEADERS;
      headerScanned = 0;
      return true;
    }
    throw new MalformedMultipart("unexpected bytes after a boundary");
  }

  /** The header block of a part, up to its empty line; false when more input is needed. */
  private boolean headers() throws MalformedMultipart {
    // "--boundary" right after a delimiter line: an empty part without headers, as Netty's encoder sends in
    // front of a multipart/mixed part (several files under one name)
    int m = delimiter.length;
    int available = Math.min(limit - pos, m - 2);
    int matched = 0;
    while (matched < available && in[pos + matched] == delimiter[2 + matched]) {
      matched++;
    }
    if (matched == available) {
      if (available < m - 2) {
        return false;
      }
      pos += m - 2;
      state = State.AFTER_DELIMITER;
      return true;
    }
    int end;
    if (limit - pos >= 2 && in[pos] == '\r' && in[pos + 1] == '\n') {
      end = pos; // no headers at all
    } else {
      end = -1;
      for (int i = pos + Math.max(0, headerScanned - 3); i + 3 < limit; i++) {
        if (in[i] == '\r' && in[i + 1] == '\n' && in[i + 2] == '\r' && in[i + 3] == '\n') {
          end = i + 2;
          break;
        }
      }
      if (end < 0) {
        headerScanned = limit - pos;
        if (headerScanned > MAX_HEADER_BYTES) {
          throw new MalformedMultipart("part headers longer than " + MAX_HEADER_BYTES + " bytes");
        }
        return false;
      }
    }
    if (end - pos > MAX_HEADER_BYTES) {
      throw new MalformedMultipart("part headers longer than " + MAX_HEADER_BYTES + " bytes");
    }
    String headers = new String(in, pos, end - pos, StandardCharsets.UTF_8);
    pos = end + 2;
    startPart(headers, end);
    return true;
  }

  /** {@code end}: where the empty line after the headers starts. */
  private void startPart(String headers, int end) throws MalformedMultipart {
    String disposition = null;
    String contentType = null;
    for (int start = 0, next; start < headers.length(); start = next + 2) {
      next = headers.indexOf("\r\n", start);
      if (next < 0) {
        next = headers.length();
      }
      String line = headers.substring(start, next);
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        if (name.equalsIgnoreCase("Content-Disposition")) {
          disposition = line.substring(colon + 1);
        } else if (name.equalsIgnoreCase("Content-Type")) {
          contentType = line.substring(colon + 1).trim();
        }
      }
    }
    if (disposition == null) {
      throw new MalformedMultipart("a part has no Content-Disposition");
    }
    int semicolon = disposition.indexOf(';');
    String type = (semicolon < 0 ? disposition : disposition.substring(0, semicolon)).trim();
    // inside a multipart/mixed part, files are "attachment" (RFC 2388) or "file"
    if (!type.equalsIgnoreCase("form-data")
        && !(mixedField != null && (type.equalsIgnoreCase("attachment") || type.equalsIgnoreCase("file")))) {
      throw new MalformedMultipart("a part's Content-Disposition is not form-data");
    }
    String name = null;
    String plainFilename = null;
    String extendedFilename = null;
    if (semicolon >= 0) {
      for (Parameter parameter : parameters(disposition, semicolon)) {
        switch (parameter.name()) {
          case "name" -> name = parameter.value();
          case "filename" -> plainFilename = parameter.value();
          case "filename*" -> extendedFilename = extendedValue(parameter.value());
          default -> {
          }
        }
      }
    }
    if (mixedField != null) {
      name = mixedField;
    } else if (name == null) {
      throw new MalformedMultipart("a part has no name");
    }
    field = name;
    filename = extendedFilename != null ? extendedFilename : plainFilename;
    isFile = filename != null;
    if (!isFile && mixedField == null && contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
      // several files under one name (RFC 2388 §4.6, still sent by Netty's encoder): read its parts as files
      String inner = boundary(contentType);
      if (inner == null) {
        throw new MalformedMultipart("a multipart/mixed part has no boundary");
      }
      if (++fields > MAX_FIELDS) {
        throw new MalformedMultipart("more than " + MAX_FIELDS + " form fields");
      }
      formDelimiter = delimiter;
      formSkip = skip;
      delimiter = delimiter(inner);
      skip = skipTable(delimiter);
      mixedField = name;
      pos = end; // the CR LF in front lets the search find the first inner delimiter
      state = State.PREAMBLE;
      return;
    }
    size = 0;
    bytes = null;
    if (isFile) {
      if (files.size() >= maxFiles) {
        refuse(Refusal.TOO_MANY_FILES);
        return;
      }
      capacityHint = initialCapacity();
    } else if (++fields > MAX_FIELDS) {
      throw new MalformedMultipart("more than " + MAX_FIELDS + " form fields");
    }
    state = State.BODY;
  }

  /**
   * The rest of the body after this part's headers, less the shortest close ("CR LF --boundary-- CR LF"): exact
   * for the last file of a request, as most clients send it; else 16 KiB, grown as needed.
   */
  private int initialCapacity() {
    if (expectedLength < 0) {
      return Math.min(INITIAL_FILE_CAPACITY, maxFileBytes);
    }
    long offset = inStart + pos;
    long rest = expectedLength - offset - (delimiter.length + 4);
    return (int) Math.max(0, Math.min(rest, maxFileBytes));
  }

  /** Bytes of the current part; {@code last}: the part ends with them. */
  private void content(int from, int length, boolean last) throws MalformedMultipart {
    if (length == 0 || state == State.PREAMBLE) {
      return;
    }
    if (!isFile) {
      size += length;
      if (size > MAX_FIELD_BYTES) {
        throw new MalformedMultipart("form field '" + field + "' longer than " + MAX_FIELD_BYTES + " bytes");
      }
      return;
    }
    int needed = size + length;
    if (needed > maxFileBytes) {
      refuse(Refusal.FILE_TOO_LARGE);
      return;
    }
    if (bytes == null) {
      // a part that ends in this chunk gets an exact array; a longer one the size hint
      bytes = new byte[last ? length : Math.max(needed, capacityHint)];
    } else if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, (int) Math.min(maxFileBytes, Math.max(needed, 2L * bytes.length)));
    }
    System.arraycopy(in, from, bytes, size, length);
    size = needed;
  }

  private void endPart() {
    if (isFile) {
      byte[] file = bytes == null ? new byte[0] : size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
      files.add(new MultipartFiles.Part(field, filename, file));
    }
    bytes = null;
  }

  private void refuse(Refusal why) {
    refusal = why;
    state = State.REFUSED;
    bytes = null;
    pos = limit;
  }

  /**
   * The first delimiter in {@code a[from, to)}, or -1. Every delimiter there covers exactly one of the positions
   * {@code from + m - 1 + k·m} (m its length): those are read at a fixed stride, so the loads do not wait on each
   * other as in Horspool's shifts (~2.5× faster than Horspool alone on photo-like random bytes, measured); a byte found in the delimiter
   * sends the m - 1 positions on either side to {@link #horspool}, which finds a delimiter covering it.
   */
  private int indexOfDelimiter(byte[] a, int from, int to) {
    byte[] pattern = delimiter;
    int m = pattern.length;
    byte last = pattern[m - 1];
    int[] shift = skip;
    for (int p = from + m - 1; p < to; p += m) {
      byte b = a[p];
      if (shift[b & 0xff] < m || b == last) {
        int found = horspool(a, p - m + 1, Math.min(to, p + m));
        if (found >= 0) {
          return found;
        }
      }
    }
    return -1;
  }

  /** Boyer-Moore-Horspool: the first delimiter in {@code a[from, to)}, or -1. */
  private int horspool(byte[] a, int from, int to) {
    byte[] pattern = delimiter;
    int m = pattern.length;
    byte last = pattern[m - 1];
    int[] shift = skip;
    for (int i = from + m - 1; i < to; ) {
      byte b = a[i];
      if (b == last) {
        int j = m - 2;
        int k = i - 1;
        while (j >= 0 && a[k] == pattern[j]) {
          j--;
          k--;
        }
        if (j < 0) {
          return i - m + 1;
        }
      }
      i += shift[b & 0xff];
    }
    return -1;
  }

  private record Parameter(String name, String value) {
  }

  /**
   * The {@code ; name=value} parameters of a header value from {@code start} (at a ';'): names in lower case,
   * values as tokens or quoted strings (a backslash escapes a quote or a backslash; any other backslash is kept,
   * as in the Windows paths some browsers send).
   */
  private static List<Parameter> parameters(String header, int start) {
    List<Parameter> parameters = new ArrayList<>(3);
    int n = header.length();
    int i = start;
    while (i < n) {
      if (header.charAt(i) != ';') {
        i++;
        continue;
      }
      i++;
      int equals = -1;
      int j = i;
      while (j < n && header.charAt(j) != ';' && header.charAt(j) != '=') {
        j++;
      }
      if (j >= n || header.charAt(j) == ';') {
        i = j;
        continue;
      }
      equals = j;
      String name = header.substring(i, equals).trim().toLowerCase(Locale.ROOT);
      j = equals + 1;
      while (j < n && (header.charAt(j) == ' ' || header.charAt(j) == '\t')) {
        j++;
      }
      String value;
      if (j < n && header.charAt(j) == '"') {
        StringBuilder quoted = new StringBuilder();
        j++;
        while (j < n && header.charAt(j) != '"') {
          char c = header.charAt(j);
          if (c == '\\' && j + 1 < n && (header.charAt(j + 1) == '"' || header.charAt(j + 1) == '\\')) {
            c = header.charAt(++j);
          }
          quoted.append(c);
          j++;
        }
        value = quoted.toString();
        j++; // the closing quote
      } else {
        int valueStart = j;
        while (j < n && header.charAt(j) != ';') {
          j++;
        }
        value = header.substring(valueStart, j).trim();
      }
      parameters.add(new Parameter(name, value));
      i = j;
    }
    return parameters;
  }

  /** An RFC 5987 value {@code charset'language'percent-encoded}; null if it is not one. */
  private static String extendedValue(String value) {
    int first = value.indexOf('\'');
    int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
    if (second < 0) {
      return null;
    }
    Charset charset;
    try {
      charset = Charset.forName(value.substring(0, first).trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
    String encoded = value.substring(second + 1);
    byte[] out = new byte[encoded.length()];
    int n = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        int hi = Character.digit(encoded.charAt(i + 1), 16);
        int lo = Character.digit(encoded.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        out[n++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (c == '%') {
        return null;
      } else {
        out[n++] = (byte) c;
      }
    }
    return new String(out, 0, n, charset);
  }
}
