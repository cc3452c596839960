package io.xphoto.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.xphoto.database.DatabaseTarget;
import io.xphoto.support.FacePhotos;
import io.xphoto.support.FacePhotos.Person;
import io.xphoto.support.Mailbox;
import io.xphoto.support.Ports;
import io.xphoto.support.ServerProcess;
import io.xphoto.support.TestAssets;
import io.xphoto.support.TestDirectories;
import io.xphoto.support.TestPostgres;
import io.xphoto.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.emailOf;
import static io.xphoto.support.Accounts.signup;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.FacePhotos.jpeg;
import static io.xphoto.support.FacePhotos.portrait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster as separate JVMs on loopback, as deployed: a back end (db, mail, storage), two face workers and
 * two HTTP nodes. Under load from concurrent clients (uploads, face registrations, searches, sign-ups, sign-ins
 * and sign-outs checked on the other HTTP node) a face worker is killed (SIGKILL), then an HTTP node. No request to a live node may go unanswered or fail, every
 * upload and registration answered 2xx must be stored, every sign-up answered 2xx must get its mail. Prints
 * its figures ("figures:" lines in its output). Takes 50-65 s on two busy cores: 23-31 s to start the JVMs, 14 s
 * of load, ~10 s to restart the killed worker.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterProcessesTest {

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
  private static final int CLIENTS = 6;
  private static final long FACE_KILL_AT_MS = 4_000;
  private static final long HTTP_KILL_AT_MS = 9_000;
  private static final long LOAD_MS = 14_000;
  private static final List<Person> PEOPLE =
      List.of(FacePhotos.ANNA, FacePhotos.BELLA, FacePhotos.CARA, FacePhotos.DORA, FacePhotos.EMMA, FacePhotos.FAYE);

  private enum Op {
    SEARCH(200), REGISTER(201), UPLOAD(200), SIGNUP(200), SIGNIN(200), SIGNOUT(200),
    /** The signed-out token on the other HTTP node: refused, as the sign-out was answered. */
    REVOKED(401);

    final int expected;

    Op(int expected) {
      this.expected = expected;
    }
  }

  /** One request of the load: on which HTTP node, when (ms since the load began), and what came back. */
  private record Outcome(int client, Op op, int node, long start, long end, int status, String body,
                         Exception error, String email) {

    boolean answered() {
      return error == null;
    }

    boolean spans(long moment) {
      return start < moment && end >= moment;
    }

    @Override
    public String toString() {
      return op + " client " + client + " on http" + (node + 1) + " " + start + "-" + end + " ms: "
          + (answered() ? status + " " + body : error.toString());
    }
  }

  /** A signed-in user and the photos of their person: a probe, a face to register, a photo to upload. */
  private record User(String name, String token, byte[] probe, byte[] face, byte[] photo) {

    static User of(String name, String token, Person person) {
      return new User(name, token, jpeg(portrait(person), 0.6f), jpeg(portrait(person), 0.9f), jpeg(portrait(person), 0.8f));
    }
  }

  /** A request to send to either HTTP node. */
  private record Call(String path, HttpRequest.Builder request) {
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final List<ServerProcess> processes = new ArrayList<>();
  private String[] bases;

  @Test
  void killingAFaceWorkerAndAnHttpNodeUnderLoadLosesNoRequest() throws Exception {
    long began = System.nanoTime();
    Path directory = TestDirectories.create("cluster-processes");
    try (Mailbox mailbox = Mailbox.start()) {
      ServerProcess faces1;
      ServerProcess http2;
      try {
        DatabaseTarget database = TestPostgres.freshDatabase();
        int[] hazelcast = {Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free()};
        int[] httpPorts = {Ports.free(), Ports.free()};
        bases = new String[] {"http://127.0.0.1:" + httpPorts[0], "http://127.0.0.1:" + httpPorts[1]};
        Map<String, String> shared = new HashMap<>(Map.of(
            "cluster.enabled", "true",
            "cluster.name", "xphoto-processes-" + ProcessHandle.current().pid(),
            "cluster.members", java.util.Arrays.stream(hazelcast).mapToObj(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(",")),
            "jwt.secret", TestServer.JWT_SECRET,
            // storage=local: the storage node writes the objects the HTTP nodes serve
            "data.dir", directory.resolve("data").toString(),
            "public.url", bases[0],
            "model.dir", TestAssets.models().toString(),
            "http.instances", "1"));
        shared.putAll(Map.of("mail.poll", "1s", "mail.retry-min", "1s", "mail.retry-max", "1s"));

        Map<String, String> backEnd = new HashMap<>(shared);
        backEnd.putAll(Map.of("node.roles", "db,mail,storage", "cluster.port", Integer.toString(hazelcast[0]),
            "db.url", database.url(), "db.user", database.user(), "db.password", database.password(),
            "smtp.host", "127.0.0.1", "smtp.port", Integer.toString(mailbox.port())));
        faceSettings = node(shared, "faces", hazelcast[1], 0);
        // the face workers need nothing of the back end to start: they load their models meanwhile
        faces1 = start("faces1", directory, faceSettings);
        ServerProcess faces2 = start("faces2", directory, node(shared, "faces", hazelcast[2], 0));
        start("backend", directory, backEnd).awaitConsole("xphoto node running", Duration.ofSeconds(90));
        ServerProcess http1 = start("http1", directory, node(shared, "http", hazelcast[3], httpPorts[0]));
        http2 = start("http2", directory, node(shared, "http", hazelcast[4], httpPorts[1]));
        for (ServerProcess face : List.of(faces1, faces2)) {
          face.awaitConsole("xphoto node running", Duration.ofSeconds(120));
        }
        for (ServerProcess front : List.of(http1, http2)) {
          front.awaitConsole("xphoto server listening", Duration.ofSeconds(120));
        }
        figure("five JVMs started in %d ms", millisSince(began));
      } catch (Throwable e) {
        closeAll();
        throw e;
      }
      try {
        List<User> users = users(mailbox);
        figure("first face registrations (one per user, fresh workers): %s ms", firstRegistrations);

        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        long loadStart = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
          int client = i;
          Thread thread = new Thread(() -> load(client, users.get(client), loadStart, outcomes), "load-" + i);
          thread.start();
          clients.add(thread);
        }
        sleepUntil(loadStart, FACE_KILL_AT_MS);
        long faceKill = millisSince(loadStart);
        faces1.kill();
        sleepUntil(loadStart, HTTP_KILL_AT_MS);
        long httpKill = millisSince(loadStart);
        http2.kill();
        for (Thread thread : clients) {
          thread.join();
        }
        List<Outcome> all = List.copyOf(outcomes);
        report(all, faceKill, httpKill);
        ServerProcess restarted = start("faces1-restarted", directory, faceSettings);
        check(all, httpKill, users, mailbox);
        restarted.awaitConsole("xphoto node running", Duration.ofSeconds(120));
        searchesWithARestartedWorker(users.get(0));
      } finally {
        closeAll();
        noise();
      }
    }
    figure("whole test %d ms", millisSince(began));
    TestDirectories.delete(directory); // kept when the test fails: the nodes' logs are in it
  }

  private final List<Long> firstRegistrations = new ArrayList<>();
  private Map<String, String> faceSettings;

  /**
   * Sequential searches through one HTTP node alternate between the two face workers: every other one goes to
   * the worker just restarted, whose first searches must not take ~10x longer (its models are warmed first).
   */
  private void searchesWithARestartedWorker(User user) throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long start = System.nanoTime();
      HttpResponse<String> search = send(0, request(Op.SEARCH, user));
      latencies.add(millisSince(start));
      assertEquals(200, search.statusCode(), search.body());
    }
    figure("sequential searches after a face worker restarted (alternating workers): %s ms", latencies);
  }

  private ServerProcess start(String name, Path directory, Map<String, String> settings) throws IOException {
    ServerProcess process = ServerProcess.start(name, directory, settings);
    processes.add(process);
    return process;
  }

  private static Map<String, String> node(Map<String, String> shared, String roles, int hazelcastPort, int httpPort) {
    Map<String, String> settings = new HashMap<>(shared);
    settings.putAll(Map.of("node.roles", roles, "cluster.port", Integer.toString(hazelcastPort),
        "http.access-log", "true"));
    if (httpPort > 0) {
      settings.put("http.port", Integer.toString(httpPort));
    }
    return settings;
  }

  /** One user per client, signed up and activated through the mail, with one face of their person registered. */
  private List<User> users(Mailbox mailbox) throws Exception {
    List<User> users = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String name = uniqueName("proc");
      assertEquals(200, send(0, json("/signup", signup(name, emailOf(name), PASSWORD), null)).statusCode());
      String link = Mailbox.activationLink(mailbox.awaitMessagesTo(emailOf(name), 1).get(0));
      assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(link)).timeout(CLIENT_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      HttpResponse<String> signin = send(i % 2, json("/signin", new JsonObject().put("username", name).put("password", PASSWORD), null));
      assertEquals(200, signin.statusCode(), signin.body());
      User user = User.of(name, new JsonObject(signin.body()).getString("JWTToken"), PEOPLE.get(i % PEOPLE.size()));
      long start = System.nanoTime();
      HttpResponse<String> registered = send(i % 2, request(Op.REGISTER, user));
      firstRegistrations.add(millisSince(start));
      assertEquals(201, registered.statusCode(), registered.body());
      users.add(user);
    }
    return users;
  }

  private void load(int client, User user, long loadStart, List<Outcome> outcomes) {
    int node = client % 2;
    boolean http2Dead = false;
    String secondToken = null; // of a second sign-in, signed out next, then tried on the other node
    Op[] cycle = {Op.SEARCH, Op.REGISTER, Op.SEARCH, Op.UPLOAD, Op.SIGNUP, Op.SIGNIN, Op.SIGNOUT, Op.REVOKED};
    for (int k = client; millisSince(loadStart) < LOAD_MS; k++) {
      Op op = cycle[k % cycle.length];
      if ((op == Op.SIGNOUT || op == Op.REVOKED) && secondToken == null) {
        continue;
      }
      int target = op == Op.REVOKED && !http2Dead ? 1 - node : node;
      String email = op == Op.SIGNUP ? emailOf(uniqueName("late")) : null;
      Call request = switch (op) {
        case SIGNUP -> json("/signup", signup(email.substring(0, email.indexOf('@')), email, PASSWORD), null);
        case SIGNIN -> json("/signin", new JsonObject().put("username", user.name()).put("password", PASSWORD), null);
        case SIGNOUT -> json("/signout", new JsonObject(), secondToken);
        case REVOKED -> get("/userInfo", secondToken);
        default -> request(op, user);
      };
      long start = millisSince(loadStart);
      try {
        HttpResponse<String> response = send(target, request);
        outcomes.add(new Outcome(client, op, target, start, millisSince(loadStart), response.statusCode(),
            response.body(), null, email));
        if (op == Op.SIGNIN && response.statusCode() == 200) {
          secondToken = new JsonObject(response.body()).getString("JWTToken");
        } else if (op == Op.REVOKED) {
          secondToken = null;
        }
      } catch (IOException e) {
        outcomes.add(new Outcome(client, op, target, start, millisSince(loadStart), 0, null, e, email));
        secondToken = null; // the sign-in or sign-out may or may not have happened
        if (target == 1) {
          http2Dead = true; // go to the node left
          node = 0;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Call request(Op op, User user) {
    return switch (op) {
      case SEARCH -> multipart("/images-db/?search", user.token(), "faceFile", user.probe());
      case REGISTER -> multipart("/images-db", user.token(), "file", user.face());
      case UPLOAD -> multipart("/upload", user.token(), "file", user.photo());
      default -> throw new IllegalArgumentException(op + " is not a photo request");
    };
  }

  private HttpResponse<String> send(int node, Call call) throws IOException, InterruptedException {
    return http.send(call.request().uri(URI.create(bases[node] + call.path())).timeout(CLIENT_TIMEOUT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Call json(String path, JsonObject body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder().header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    return new Call(path, token == null ? request : request.header("Authorization", "Bearer " + token));
  }

  private static Call multipart(String path, String token, String field, byte[] jpeg) {
    String boundary = "xphoto-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
        + "\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(jpeg);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
    return new Call(path, HttpRequest.newBuilder().header("Authorization", "Bearer " + token)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void report(List<Outcome> all, long faceKill, long httpKill) {
    figure("%d requests in %d ms by %d clients; face worker killed at %d ms, HTTP node at %d ms",
        all.size(), LOAD_MS, CLIENTS, faceKill, httpKill);
    List<Outcome> faceCalls = all.stream().filter(o -> o.op() == Op.SEARCH || o.op() == Op.REGISTER).toList();
    List<Long> spanning = faceCalls.stream().filter(o -> o.spans(faceKill)).map(o -> o.end() - faceKill).sorted().toList();
    figure("face requests in flight at the worker's kill answered after it by: %s ms", spanning);
    figure("face request latency before the kill: median %d ms, max %d ms; after it: median %d ms, max %d ms",
        median(faceCalls, o -> o.end() < faceKill), max(faceCalls, o -> o.end() < faceKill),
        median(faceCalls, o -> o.start() > faceKill), max(faceCalls, o -> o.start() > faceKill));
    List<Outcome> cut = all.stream().filter(o -> !o.answered()).toList();
    figure("requests cut by the HTTP node's kill (connection level, not lost): %d, the last ending %d ms after it",
        cut.size(), cut.stream().mapToLong(o -> o.end() - httpKill).max().orElse(0));
    Map<Op, Long> byOp = all.stream().filter(Outcome::answered).collect(Collectors.groupingBy(Outcome::op, Collectors.counting()));
    figure("answered: %s", byOp);
  }

  private void check(List<Outcome> all, long httpKill, List<User> users, Mailbox mailbox) throws Exception {
    List<Outcome> timedOut = all.stream().filter(o -> o.error() instanceof HttpTimeoutException).toList();
    assertEquals(List.of(), timedOut, "requests without an answer within " + CLIENT_TIMEOUT);
    List<Outcome> failedOnLiveNode = all.stream()
        .filter(o -> !o.answered() && (o.node() != 1 || o.end() < httpKill)).toList();
    assertEquals(List.of(), failedOnLiveNode, "connection failures other than on the killed HTTP node");
    List<Outcome> wrong = all.stream().filter(o -> o.answered() && o.status() != o.op().expected).toList();
    assertEquals(List.of(), wrong, "requests lost: answered otherwise than a healthy cluster answers");
    figure("requests lost: %d", wrong.size() + timedOut.size() + failedOnLiveNode.size());

    for (int i = 0; i < users.size(); i++) {
      int client = i;
      User user = users.get(i);
      List<Outcome> mine = all.stream().filter(o -> o.client() == client).toList();
      Set<String> stored = new HashSet<>(new JsonObject(send(0, get("/images", user.token())).body())
          .getJsonArray("urls").stream().map(String.class::cast).toList());
      for (Outcome upload : mine.stream().filter(o -> o.op() == Op.UPLOAD && o.answered()).toList()) {
        for (Object url : new JsonObject(upload.body()).getJsonArray("urls")) {
          assertTrue(stored.contains((String) url), "the upload of " + upload + " is listed");
        }
      }
      JsonArray faces = new JsonObject(send(0, get("/images-db", user.token())).body()).getJsonArray("faces");
      long registered = 1 + mine.stream().filter(o -> o.op() == Op.REGISTER && o.answered()).count();
      long unknown = mine.stream().filter(o -> o.op() == Op.REGISTER && !o.answered()).count();
      assertTrue(faces.size() >= registered && faces.size() <= registered + unknown,
          user.name() + " has " + faces.size() + " faces; registrations answered 201 (with the first): " + registered
              + ", cut by the kill: " + unknown);
    }
    List<String> signedUp = all.stream().filter(o -> o.op() == Op.SIGNUP && o.answered()).map(Outcome::email).toList();
    for (String email : signedUp) {
      mailbox.awaitMessagesTo(email, 1);
    }
    figure("activation mails of the %d sign-ups answered 200: all delivered", signedUp.size());
  }

  private static Call get(String path, String token) {
    return new Call(path, HttpRequest.newBuilder().header("Authorization", "Bearer " + token).GET());
  }

  /** What the surviving and the killed nodes logged that looks like trouble, for the report. */
  private void noise() {
    for (ServerProcess process : processes) {
      Map<String, Long> lines = process.console().lines()
          .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
          .map(line -> line.replaceAll("^\\S+ ", "").replaceAll("\\[hz\\.[^]]*]|\\[[0-9.:]+]|[0-9a-f-]{36}|\\d+", "#"))
          .map(line -> line.length() > 160 ? line.substring(0, 160) : line)
          .collect(Collectors.groupingBy(line -> line, Collectors.counting()));
      lines.forEach((line, count) -> figure("log of %s, %d x: %s", process.name(), count, line));
    }
  }

  private void closeAll() {
    for (ServerProcess process : processes) {
      process.close();
    }
  }

  private static long median(List<Outcome> outcomes, java.util.function.Predicate<Outcome> which) {
    List<Long> latencies = outcomes.stream().filter(which).map(o -> o.end() - o.start()).sorted().toList();
    return latencies.isEmpty() ? -1 : latencies.get(latencies.size() / 2);
  }

  private static long max(List<Outcome> outcomes, java.util.function.Predicate<Outcome> which) {
    return outcomes.stream().filter(which).mapToLong(o -> o.end() - o.start()).max().orElse(-1);
  }

  private static void sleepUntil(long start, long offsetMillis) throws InterruptedException {
    long wait = offsetMillis - millisSince(start);
    if (wait > 0) {
      Thread.sleep(wait);
    }
  }

  private static long millisSince(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
  }

  private static void figure(String format, Object... args) {
    System.out.println("figures: " + String.format(format, args));
  }
}
