package io.xphoto.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.HttpPostRequestEncoder;
import io.netty.handler.codec.http.multipart.MemoryFileUpload;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipartParserTest {

  private static final String B = "----xphoto-test-boundary";
  private static final int LIMIT = 1000;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A file part's header and content, in a body for {@link #body}. */
  private static byte[] filePart(String name, String filename, byte[] content) {
    return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n", content);
  }

  private static byte[] part(String headers, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("--" + B + "\r\n" + headers + "\r\n"));
    out.writeBytes(content);
    out.writeBytes(ascii("\r\n"));
    return out.toByteArray();
  }

  private static byte[] body(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    out.writeBytes(ascii("--" + B + "--\r\n"));
    return out.toByteArray();
  }

  private static MultipartParser parser(long length) {
    return new MultipartParser(B, LIMIT, 3, length);
  }

  /** Parses {@code body} fed in chunks that end at the given offsets (and at its end). */
  private static List<MultipartFiles.Part> parse(MultipartParser parser, byte[] body, int... cuts)
      throws MultipartParser.MalformedMultipart {
    int from = 0;
    for (int cut : cuts) {
      parser.feed(Buffer.buffer().appendBytes(body, from, cut - from));
      from = cut;
    }
    parser.feed(body, from, body.length - from);
    return parser.end();
  }

  private static List<MultipartFiles.Part> parse(byte[] body, int... cuts) throws MultipartParser.MalformedMultipart {
    return parse(parser(body.length), body, cuts);
  }

  private static MultipartParser.MalformedMultipart malformed(byte[] body) {
    return assertThrows(MultipartParser.MalformedMultipart.class, () -> parse(parser(-1), body));
  }

  private static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void assertFile(MultipartFiles.Part part, String field, String filename, byte[] content) {
    assertEquals(field, part.field());
    assertEquals(filename, part.filename());
    assertArrayEquals(content, part.bytes());
  }

  @Test
  void twoFilesAndAFieldSplitAtEveryOffsetAndByteByByte() throws Exception {
    byte[] first = random(300, 1);
    byte[] second = ascii("\r\n--" + B.substring(0, 10) + "\r\r\n-\r\n--");
    byte[] body = body(
        filePart("file", "a.jpg", first),
        part("Content-Disposition: form-data; name=\"comment\"\r\n", ascii("not a file")),
        filePart("faceFile", "b.png", second));
    for (int cut = 0; cut <= body.length; cut++) {
      for (long length : new long[] {body.length, -1, 10, body.length * 4L}) {
        List<MultipartFiles.Part> files = parse(parser(length), body, cut);
        assertEquals(2, files.size(), "cut at " + cut);
        assertFile(files.get(0), "file", "a.jpg", first);
        assertFile(files.get(1), "faceFile", "b.png", second);
      }
    }
    int[] everyByte = new int[body.length - 1];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = i + 1;
    }
    List<MultipartFiles.Part> files = parse(body, everyByte);
    assertFile(files.get(0), "file", "a.jpg", first);
    assertFile(files.get(1), "faceFile", "b.png", second);
  }

  @Test
  void randomContentAndRandomChunks() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      byte[] content = random(random.nextInt(LIMIT + 1), round);
      if (content.length > 40 && random.nextBoolean()) {
        // a near-delimiter inside the content
        byte[] near = ascii("\r\n--" + B.substring(0, random.nextInt(B.length())));
        System.arraycopy(near, 0, content, random.nextInt(content.length - near.length), near.length);
      }
      byte[] body = body(filePart("f", "x", content));
      List<Integer> cuts = new ArrayList<>();
      for (int at = random.nextInt(50); at < body.length; at += 1 + random.nextInt(200)) {
        cuts.add(at);
      }
      List<MultipartFiles.Part> files = parse(body, cuts.stream().mapToInt(Integer::intValue).toArray());
      assertFile(files.get(0), "f", "x", content);
    }
  }

  /** Several files under one name, as Netty's encoder (Vert.x's WebClient) sends them: a multipart/mixed part. */
  @Test
  void filesOfAMultipartMixedPart() throws Exception {
    String inner = "709d5bcf70841d9f";
    byte[] body = ascii("--" + B + "\r\n--" + B + "\r\n"
        + "content-disposition: form-data; name=\"file\"\r\n"
        + "content-type: multipart/mixed; boundary=" + inner + "\r\n\r\n"
        + "--" + inner + "\r\n"
        + "content-disposition: attachment; filename=\"file0.bin\"\r\n"
        + "content-type: application/octet-stream\r\ncontent-transfer-encoding: binary\r\n\r\n"
        + "AB0\r\n--" + inner + "\r\n"
        + "content-disposition: attachment; filename=\"file1.bin\"\r\ncontent-length: 3\r\n\r\n"
        + "AB1\r\n--" + inner + "--\r\n"
        + "--" + B + "\r\n"
        + "content-disposition: form-data; name=\"other\"; filename=\"o.bin\"\r\n\r\n"
        + "AB2\r\n--" + B + "--\r\n");
    for (int cut = 0; cut <= body.length; cut++) {
      MultipartParser parser = parser(-1);
      List<MultipartFiles.Part> files = parse(parser, body, cut);
      assertEquals(3, files.size());
      assertFile(files.get(0), "file", "file0.bin", ascii("AB0"));
      assertFile(files.get(1), "file", "file1.bin", ascii("AB1"));
      assertFile(files.get(2), "other", "o.bin", ascii("AB2"));
    }
    MultipartParser two = new MultipartParser(B, LIMIT, 2, -1);
    parse(two, body);
    assertEquals(MultipartParser.Refusal.TOO_MANY_FILES, two.refusal());
    MultipartParser small = new MultipartParser(B, 2, 3, -1);
    parse(small, body);
    assertEquals(MultipartParser.Refusal.FILE_TOO_LARGE, small.refusal());
  }

  @Test
  void whatNettysEncoderSends() throws Exception {
    byte[] first = random(5000, 3);
    byte[] second = random(3000, 4);
    byte[] third = random(10, 5);
    DefaultHttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/upload");
    HttpPostRequestEncoder encoder = new HttpPostRequestEncoder(new DefaultHttpDataFactory(false), request, true,
        StandardCharsets.UTF_8, HttpPostRequestEncoder.EncoderMode.RFC1738);
    encoder.addBodyAttribute("comment", "hello");
    int i = 0;
    for (byte[] content : List.of(first, second)) {
      MemoryFileUpload file = new MemoryFileUpload("file", "f" + i++ + ".jpg", "image/jpeg", "binary", null, content.length);
      file.setContent(Unpooled.wrappedBuffer(content));
      encoder.addBodyHttpData(file);
    }
    MemoryFileUpload face = new MemoryFileUpload("faceFile", "face.jpg", "image/jpeg", "binary", null, third.length);
    face.setContent(Unpooled.wrappedBuffer(third));
    encoder.addBodyHttpData(face);
    String boundary = MultipartParser.boundary(encoder.finalizeRequest().headers().get("Content-Type"));
    MultipartParser parser = new MultipartParser(boundary, LIMIT * 10, 3, -1);
    while (!encoder.isEndOfInput()) {
      HttpContent chunk = encoder.readChunk(UnpooledByteBufAllocator.DEFAULT);
      byte[] bytes = ByteBufUtil.getBytes(chunk.content());
      chunk.release();
      parser.feed(bytes, 0, bytes.length);
    }
    List<MultipartFiles.Part> files = parser.end();
    assertEquals(3, files.size());
    assertFile(files.get(0), "file", "f0.jpg", first);
    assertFile(files.get(1), "file", "f1.jpg", second);
    assertFile(files.get(2), "faceFile", "face.jpg", third);
  }

  @Test
  void shortAndLongBoundariesAtEveryContentLength() throws Exception {
    Random random = new Random(9);
    for (String boundary : List.of("a", "-", "ab", "x".repeat(70), "-".repeat(MultipartParser.MAX_BOUNDARY))) {
      for (int size = 0; size < 300; size++) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
          content[i] = (byte) "-ax\r\n".charAt(random.nextInt(5)); // bytes of the delimiter, near-misses
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (text.contains("\r\n--" + boundary)) {
          continue;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("--" + boundary + "\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\n"));
        body.writeBytes(content);
        body.writeBytes(ascii("\r\n--" + boundary + "--\r\n"));
        byte[] bytes = body.toByteArray();
        MultipartParser parser = new MultipartParser(boundary, LIMIT, 3, bytes.length);
        List<MultipartFiles.Part> files = parse(parser, bytes, Math.min(bytes.length, 1 + random.nextInt(bytes.length)));
        assertFile(files.get(0), "f", "x", content);
      }
    }
  }

  @Test
  void contentEndingInCrOrCrLfAndEmptyFiles() throws Exception {
    for (String content : List.of("", "\r", "\n", "\r\n", "\r\n\r\n", "-", "--", "\r\n--", "x\r\n-- " + B)) {
      byte[] body = body(filePart("f", "x", ascii(content)));
      for (int cut = 0; cut <= body.length; cut++) {
        List<MultipartFiles.Part> files = parse(body, cut);
        assertFile(files.get(0), "f", "x", ascii(content));
      }
    }
  }

  @Test
  void preambleEpilogueTransportPaddingAndNoHeaderCase() throws Exception {
    byte[] body = ascii("This is the preamble.\r\n--not-it\r\n"
        + "--" + B + " \t\r\n"
        + "content-disposition: FORM-DATA; NAME=file; FileName=plain.jpg\r\n\r\n"
        + "abc\r\n"
        + "--" + B + "--  \r\nThis is the epilogue.\r\n--" + B + "\r\nignored");
    for (int cut = 0; cut <= body.length; cut++) {
      List<MultipartFiles.Part> files = parse(body, cut);
      assertEquals(1, files.size());
      assertFile(files.get(0), "file", "plain.jpg", ascii("abc"));
    }
    // without a final CR LF
    byte[] bare = ascii("--" + B + "\r\nContent-Disposition: form-data; name=f; filename=x\r\n\r\nabc\r\n--" + B + "--");
    assertFile(parse(bare).get(0), "f", "x", ascii("abc"));
  }

  @Test
  void quotedAndExtendedFilenames() throws Exception {
    byte[] body = body(
        part("Content-Disposition: form-data; name=\"a;b\"; filename=\"say \\\"cheese\\\"; now.jpg\"\r\n", ascii("1")),
        part("Content-Disposition: form-data; filename=\"C:\\photos\\me.jpg\"; name=\"p\"\r\n", ascii("2")),
        part("Content-Disposition: form-data; name=\"u\"; filename=\"fallback.jpg\"; "
            + "filename*=UTF-8''%E2%82%AC%20rates.jpg\r\n", ascii("3")));
    List<MultipartFiles.Part> files = parse(body);
    assertFile(files.get(0), "a;b", "say \"cheese\"; now.jpg", ascii("1"));
    assertFile(files.get(1), "p", "C:\\photos\\me.jpg", ascii("2"));
    assertFile(files.get(2), "u", "\u20ac rates.jpg", ascii("3"));
    List<MultipartFiles.Part> utf8 = parse(body(filePart("f", "相片.jpg", ascii("4"))));
    assertEquals("相片.jpg", utf8.get(0).filename());
    assertEquals("", parse(body(filePart("f", "", ascii("5")))).get(0).filename());
  }

  @Test
  void fieldsAreSkippedWithinTheFormLimits() throws Exception {
    byte[] onlyField = body(part("Content-Disposition: form-data; name=\"note\"\r\n", new byte[MultipartParser.MAX_FIELD_BYTES]));
    assertTrue(parse(onlyField).isEmpty());
    byte[] longField = body(part("Content-Disposition: form-data; name=\"note\"\r\n",
        new byte[MultipartParser.MAX_FIELD_BYTES + 1]));
    assertTrue(malformed(longField).getMessage().contains("note"));
  }

  @Test
  void aFileExactlyAtTheLimitPassesAndOneByteMoreIsRefused() throws Exception {
    byte[] exact = random(LIMIT, 7);
    byte[] body = body(filePart("f", "x", exact));
    for (int cut = 0; cut <= body.length; cut += 37) {
      MultipartParser parser = parser(body.length);
      assertFile(parse(parser, body, cut).get(0), "f", "x", exact);
      assertNull(parser.refusal());
    }
    byte[] over = body(filePart("f", "x", random(LIMIT + 1, 8)), filePart("g", "y", ascii("z")));
    for (int cut = 0; cut <= over.length; cut += 37) {
      MultipartParser parser = parser(over.length);
      parse(parser, over, cut);
      assertEquals(MultipartParser.Refusal.FILE_TOO_LARGE, parser.refusal());
    }
    // refused: the rest of the body, even malformed, is ignored
    MultipartParser parser = parser(-1);
    parser.feed(over, 0, over.length - 30);
    assertEquals(MultipartParser.Refusal.FILE_TOO_LARGE, parser.refusal());
    parser.feed(ascii("garbage"), 0, 7);
    parser.end();
  }

  @Test
  void moreFilesThanAllowedAreRefused() throws Exception {
    byte[] three = body(filePart("f", "1", ascii("a")), filePart("f", "2", ascii("b")), filePart("f", "3", ascii("c")));
    assertEquals(3, parse(three).size());
    byte[] four = body(filePart("f", "1", ascii("a")), filePart("f", "2", ascii("b")), filePart("f", "3", ascii("c")),
        filePart("f", "4", ascii("d")));
    MultipartParser parser = parser(four.length);
    parse(parser, four);
    assertEquals(MultipartParser.Refusal.TOO_MANY_FILES, parser.refusal());
  }

  @Test
  void emptyBodiesAndOnlyTheCloseDelimiterHaveNoFiles() throws Exception {
    assertTrue(parse(new byte[0]).isEmpty());
    assertTrue(parse(body()).isEmpty());
  }

  @Test
  void malformedBodies() {
    byte[] complete = body(filePart("f", "x", ascii("abc")));
    assertEquals("missing final boundary", malformed(java.util.Arrays.copyOf(complete, complete.length - 8)).getMessage());
    assertEquals("missing final boundary", malformed(ascii("--" + B + "\r\n")).getMessage());
    assertEquals("missing final boundary",
        malformed(ascii("--" + B + "\r\nContent-Disposition: form-data; name=f; filename=x\r\n")).getMessage());
    assertEquals("no boundary found", malformed(ascii("just some bytes")).getMessage());
    assertEquals("unexpected bytes after a boundary", malformed(ascii("--" + B + "x\r\n")).getMessage());
    assertEquals("a part has no Content-Disposition",
        malformed(body(part("Content-Type: image/jpeg\r\n", ascii("abc")))).getMessage());
    assertEquals("a part has no name",
        malformed(body(part("Content-Disposition: form-data; filename=\"x\"\r\n", ascii("abc")))).getMessage());
    assertEquals("a part's Content-Disposition is not form-data",
        malformed(body(part("Content-Disposition: attachment; name=f; filename=x\r\n", ascii("abc")))).getMessage());
    byte[] longHeaders = body(part("X-Pad: " + "p".repeat(MultipartParser.MAX_HEADER_BYTES) + "\r\n", ascii("abc")));
    assertTrue(malformed(longHeaders).getMessage().startsWith("part headers longer than"));
  }

  @Test
  void boundaryFromTheContentType() {
    assertEquals("abc", MultipartParser.boundary("multipart/form-data; boundary=abc"));
    assertEquals("a b;c", MultipartParser.boundary("multipart/form-data; charset=utf-8; Boundary=\"a b;c\""));
    assertEquals(B, MultipartParser.boundary("multipart/form-data;boundary=" + B));
    assertNull(MultipartParser.boundary("multipart/form-data"));
    assertNull(MultipartParser.boundary("multipart/form-data; boundary="));
    assertNull(MultipartParser.boundary("multipart/form-data; boundary=" + "x".repeat(MultipartParser.MAX_BOUNDARY + 1)));
    assertNull(MultipartParser.boundary(null));
  }
}
