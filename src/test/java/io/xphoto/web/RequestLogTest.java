package io.xphoto.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.xphoto.support.Ports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The access log writes what the client got: the status sent, or that the connection closed first. */
class RequestLogTest {

  private Vertx vertx;
  private int port;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    ((Logger) LoggerFactory.getLogger("xphoto.access")).addAppender(lines);
    lines.start();
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    router.route().handler(new RequestLog(true));
    router.get("/answered").handler(ctx -> ctx.response().setStatusCode(201).end("yes"));
    router.get("/never").handler(ctx -> {
    });
    port = Ports.free();
    vertx.createHttpServer().requestHandler(router).listen(port).await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    ((Logger) LoggerFactory.getLogger("xphoto.access")).detachAppender(lines);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anAnswerIsLoggedWithItsStatus() throws Exception {
    try (Socket socket = request("/answered")) {
      InputStream in = socket.getInputStream();
      assertTrue(new String(in.readNBytes(12), StandardCharsets.US_ASCII).startsWith("HTTP/1.1 201"));
    }
    assertTrue(line().contains(" GET /answered 201 "), line());
  }

  @Test
  void aConnectionClosedBeforeTheAnswerIsLoggedAsSuch() throws Exception {
    Socket socket = request("/never");
    Thread.sleep(300); // the server reads the request
    socket.close();
    assertTrue(line().contains(" GET /never - (connection closed without an answer) "), line());
  }

  private Socket request(String path) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    OutputStream out = socket.getOutputStream();
    out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }

  private String line() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (lines.list.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    List<ILoggingEvent> events = List.copyOf(lines.list);
    assertEquals(1, events.size(), events.toString());
    return events.get(0).getFormattedMessage();
  }
}
