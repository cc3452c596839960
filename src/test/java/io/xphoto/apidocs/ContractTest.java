package io.xphoto.apidocs;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.xphoto.api.XphotoApi;
import io.xphoto.forum.ForumRoutes;
import io.xphoto.storage.LocalDiskBackend;
import io.xphoto.support.Api;
import io.xphoto.support.FacePhotos;
import io.xphoto.support.ForumClient;
import io.xphoto.support.TestImages;
import io.xphoto.support.TestInstallation;
import io.xphoto.support.TestTotp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.xphoto.support.Accounts.PASSWORD;
import static io.xphoto.support.Accounts.uniqueName;
import static io.xphoto.support.ForumClient.CAPTCHA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code openapi.yaml} is the contract: it is a valid OpenAPI 3.1 document, every operation it documents is
 * routed, every route is documented, and the example bodies it documents for the error cases are the ones
 * the server sends (with the headers it documents for them). Through a real server.
 */
@ExtendWith(VertxExtension.class)
class ContractTest {

  private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
  private static final String NO_SUCH_ROUTE = "接口不存在。";
  private static final String ADMIN = uniqueName("contractadmin");

  private static TestInstallation xphoto;
  private static ContractDocument document;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    xphoto = TestInstallation.start(vertx, Map.of("captcha.test-answer", CAPTCHA, "admins", ADMIN));
    document = ContractDocument.load();
  }

  @AfterAll
  static void stop() {
    xphoto.close();
  }

  @Test
  void theDocumentIsOpenApi31WithOneOperationIdPerOperation(Vertx vertx) {
    List<ContractDocument.Operation> operations = document.operations();
    TreeSet<String> ids = new TreeSet<>();
    for (ContractDocument.Operation operation : operations) {
      assertTrue(operation.operationId() != null && operation.operationId().matches("[a-z][A-Za-z0-9]*"),
          operation.toString());
      assertTrue(ids.add(operation.operationId()), "operationId used twice: " + operation);
    }
    // vertx-openapi validates the document against the OpenAPI 3.1 schema before it builds the contract
    OpenAPIContract contract = Api.join(OpenAPIContract.from(vertx, document.withoutMediaTypesVertxCannotLoad()));
    assertEquals(OpenAPIVersion.V3_1, contract.getVersion());
    assertEquals(operations.size(), contract.operations().size());
    for (ContractDocument.Operation operation : operations) {
      assertEquals(operation.method(), contract.operation(operation.operationId()).getHttpMethod().name());
    }
  }

  @Test
  void everyDocumentedJsonExampleFitsItsSchema(Vertx vertx) {
    OpenAPIContract contract = Api.join(OpenAPIContract.from(vertx, document.withoutMediaTypesVertxCannotLoad()));
    int checked = 0;
    for (ContractDocument.Operation operation : document.operations()) {
      Operation parsed = contract.operation(operation.operationId());
      JsonObject body = operation.model().getJsonObject("requestBody");
      if (body != null && parsed.getRequestBody() != null) {
        checked += checkExamples(contract, parsed.getRequestBody().getContent().get(MediaType.APPLICATION_JSON),
            document.resolve(body), operation + " request");
      }
      JsonObject responses = operation.model().getJsonObject("responses");
      for (String status : responses.fieldNames()) {
        checked += checkExamples(contract, parsed.getResponse(Integer.parseInt(status)).getContent()
            .get(MediaType.APPLICATION_JSON), document.resolve(responses.getJsonObject(status)), operation + " " + status);
      }
    }
    assertTrue(checked > 100, checked + " examples");
  }

  private static int checkExamples(OpenAPIContract contract, MediaType parsed, JsonObject model, String what) {
    JsonObject content = model.getJsonObject("content", new JsonObject()).getJsonObject(MediaType.APPLICATION_JSON);
    if (content == null) {
      return 0;
    }
    List<Object> examples = document.examples(content);
    assertFalse(examples.isEmpty(), what + " has no example");
    for (Object example : examples) {
      Object value = Json.decodeValue(Json.encode(example));
      OutputUnit result = contract.getSchemaRepository().validator(parsed.getSchema()).validate(value);
      assertTrue(result.getValid(), what + ": " + value + " " + result.getErrors());
    }
    return examples.size();
  }

  @Test
  void everyDocumentedOperationIsRouted() throws Exception {
    for (ContractDocument.Operation operation : document.operations()) {
      String path = withExampleParameters(operation);
      if (operation.path().startsWith(LocalDiskBackend.URL_PREFIX)) {
        placeObject(path.substring(LocalDiskBackend.URL_PREFIX.length()));
      }
      Api.Reply reply = xphoto.api().send(xphoto.api().request(HttpMethod.valueOf(operation.method()), path, null), null);
      assertNotEquals(405, reply.status(), operation + ": " + reply);
      assertFalse(reply.status() == 404 && reply.body() != null && reply.body().toString().contains(NO_SUCH_ROUTE),
          operation + " is not routed: " + reply);
    }
  }

  @Test
  void theSurfacesOperationsAreRoutedByRouterBuilderTheOthersHandMounted() {
    TreeSet<String> routed = new TreeSet<>(XphotoApi.ROUTED_OPERATIONS);
    routed.addAll(ForumRoutes.ROUTED_OPERATIONS);
    assertEquals(List.copyOf(routed), MountedRoutes.builtOperations(xphoto.server().vertx()));
    TreeSet<String> handMounted = new TreeSet<>();
    document.operations().stream().map(ContractDocument.Operation::operationId).filter(id -> !routed.contains(id))
        .forEach(handMounted::add);
    assertEquals(List.of("docsAsset", "docsPage", "openapiDocument", "registerFaces", "searchFaces", "serveAvatar",
        "serveObject", "upload", "webClientAsset", "webClientPage"), List.copyOf(handMounted));
  }

  @Test
  void everyRouteIsDocumented() {
    List<String> routes = MountedRoutes.of(xphoto.server().vertx());
    assertFalse(routes.isEmpty(), "the routes were noted when mounted");
    List<String> undocumented = new ArrayList<>();
    for (String route : routes) {
      if (!route.startsWith("HEAD ") && document.operations().stream().noneMatch(op -> serves(route, op))) {
        undocumented.add(route);
      }
    }
    assertEquals(List.of(), undocumented, "routes missing from openapi.yaml");
    for (ContractDocument.Operation operation : document.operations()) {
      assertTrue(routes.stream().anyMatch(route -> serves(route, operation)), operation + " has no route");
    }
  }

  @Test
  void theXphotoApisDocumentedErrorsAreTheOnesSent() {
    assertComponent(xphoto.api().get("/no/such/route"), "NoSuchRoute", 404, "noSuchRoute");
    assertComponent(xphoto.api().send(xphoto.api().request(HttpMethod.PUT, "/signup", null), null), "MethodNotAllowed", 405,
        "methodNotAllowed");
    assertComponent(xphoto.api().get("/userInfo?q=" + "x".repeat(10_000)), "UriTooLong", 414, "uriTooLong");
    assertComponent(xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/userInfo", null).putHeader("X-Big", "y".repeat(10_000)), null),
        "HeadersTooLarge", 431, "headersTooLarge");

    assertDocumented(xphoto.api().postRaw("/signup", "{bad"), "POST", "/signup", 400, "malformed");
    assertDocumented(xphoto.api().postRaw("/signup", new JsonObject().put("username", "x".repeat(70_000)).encode()),
        "POST", "/signup", 413, "bodyTooLarge");
    assertDocumented(xphoto.api().post("/signup", signup("abc", PASSWORD, PASSWORD)), "POST", "/signup", 422, "usernameTooShort");
    assertDocumented(xphoto.api().post("/signup", signup(uniqueName("cntrct"), PASSWORD, "other password")), "POST", "/signup", 422,
        "passwordsDiffer");
    assertDocumented(xphoto.api().post("/signup", signup(uniqueName("cntrct"), PASSWORD, PASSWORD).put("password", new JsonObject())),
        "POST", "/signup", 422, "wrongType");
    JsonObject withoutRepeat = signup(uniqueName("cntrct"), PASSWORD, PASSWORD);
    withoutRepeat.remove("repeat_password");
    assertDocumented(xphoto.api().post("/signup", withoutRepeat), "POST", "/signup", 422, "missingField");
    assertDocumented(xphoto.api().get("/active_account"), "GET", "/active_account", 422, "refused");
    assertDocumented(xphoto.api().get("/active_account?key=abc"), "GET", "/active_account", 422, "refused");
    assertDocumented(xphoto.api().get("/active_account?key=%zz&username=x"), "GET", "/active_account", 400, "malformedQuery");
    assertDocumented(xphoto.api().get("/active_account?key=a%00&username=x"), "GET", "/active_account", 422, "forbiddenCharacter");

    assertDocumented(xphoto.api().post("/signin", new JsonObject()), "POST", "/signin", 422, "missingIdentifier");
    assertDocumented(xphoto.api().post("/signin", new JsonObject().put("username", "someone")), "POST", "/signin", 422,
        "missingPassword");
    assertDocumented(xphoto.api().post("/signin", new JsonObject().put("username", 12345).put("password", "x")), "POST",
        "/signin", 422, "wrongType");
    assertDocumented(xphoto.api().post("/signin", new JsonObject().put("username", "a\u0000b").put("password", "x")), "POST",
        "/signin", 422, "forbiddenCharacter");

    assertDocumented(xphoto.api().get("/userInfo"), "GET", "/userInfo", 401, "unauthorized");
    assertDocumented(xphoto.api().post("/signout", null), "POST", "/signout", 401, "unauthorized");
    assertDocumented(xphoto.api().get("/images"), "GET", "/images", 401, "unauthorized");
    assertDocumented(xphoto.api().upload("/upload", null, new byte[] {1}), "POST", "/upload", 401, "unauthorized");
    assertDocumented(xphoto.api().get("/images-db"), "GET", "/images-db", 401, "unauthorized");
    // the token is checked before the parameters are validated
    assertDocumented(xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images", null), null), "DELETE", "/images", 401,
        "unauthorized");

    String token = tokenOfANewMember();
    assertDocumented(xphoto.api().post("/upload", new JsonObject(), token), "POST", "/upload", 400, "noFile");
    assertDocumented(xphoto.api().upload("/upload", token, "not an image".getBytes()), "POST", "/upload", 415, "notAnImage");
    assertDocumented(xphoto.api().upload("/upload", token, new byte[1024 * 1024 + 1]), "POST", "/upload", 413, "fileTooLarge");
    assertDocumented(xphoto.api().upload("/upload", token, Collections.nCopies(21, new byte[] {1}).toArray(new byte[0][])),
        "POST", "/upload", 413, "tooManyFiles");
    assertDocumented(xphoto.api().upload("/upload", token, TestImages.pixelFloodPng(8000, 8000)), "POST", "/upload", 422,
        "tooManyPixels");
    assertDocumented(xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images", token), null), "DELETE", "/images", 400,
        "urlRequired");
    assertDocumented(xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images?url=http://example.org/a.png", token), null),
        "DELETE", "/images", 404, "noSuchImage");
    assertDocumented(xphoto.api().post("/images-db", new JsonObject().put("file", "http://example.org/a.png"), token), "POST",
        "/images-db", 422, "notYours");
    assertDocumented(xphoto.api().post("/images-db", new JsonObject().put("file", 5), token), "POST", "/images-db", 422,
        "fileList");
    assertDocumented(xphoto.api().post("/images-db", new JsonObject(), token), "POST", "/images-db", 422, "missingFile");
    assertDocumented(xphoto.api().postRaw("/images-db", "[1]"), "POST", "/images-db", 401, "unauthorized");
    assertDocumented(xphoto.api().post("/images-db/search", new JsonObject(), token), "POST", "/images-db/search", 422,
        "missingFaceFile");
    assertDocumented(xphoto.api().post("/images-db/search", new JsonObject().put("faceFile", 5), token), "POST",
        "/images-db/search", 422, "wrongType");
    assertDocumented(xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/images-db/abc", token), null), "DELETE",
        "/images-db/{id}", 404, "noSuchFace");
    assertDocumented(xphoto.api().get("/health"), "GET", "/health", 200, null);
    assertDocumented(xphoto.api().get("/health/live"), "GET", "/health/live", 200, null);
    assertDocumented(xphoto.api().get("/health/ready"), "GET", "/health/ready", 200, null);
    assertDocumented(xphoto.api().post("/signout", null, token), "POST", "/signout", 200, null);

    assertDocumented(xphoto.api().post("/signout/all", null), "POST", "/signout/all", 401, "unauthorized");
    assertDocumented(xphoto.api().post("/password/change", new JsonObject()), "POST", "/password/change", 401, "unauthorized");
    String changing = tokenOfANewMember();
    String next = "battery staple 43";
    assertDocumented(xphoto.api().postRaw("/password/change", "{bad"), "POST", "/password/change", 401, "unauthorized");
    assertDocumented(xphoto.api().send(xphoto.api().request(HttpMethod.POST, "/password/change", changing), Buffer.buffer("{bad")),
        "POST", "/password/change", 400, "malformed");
    assertDocumented(xphoto.api().post("/password/change", new JsonObject().put("password", next).put("repeat_password", next),
        changing), "POST", "/password/change", 422, "missingField");
    assertDocumented(xphoto.api().post("/password/change", passwordChange(PASSWORD, next, next).put("password", 5), changing),
        "POST", "/password/change", 422, "wrongType");
    assertDocumented(xphoto.api().post("/password/change", passwordChange(PASSWORD, "short", "short"), changing),
        "POST", "/password/change", 422, "passwordLength");
    assertDocumented(xphoto.api().post("/password/change", passwordChange(PASSWORD, next, "other password"), changing),
        "POST", "/password/change", 422, "passwordsDiffer");
    assertDocumented(xphoto.api().post("/password/change", passwordChange("not the password", next, next), changing),
        "POST", "/password/change", 422, "wrongOldPassword");
    assertDocumented(xphoto.api().post("/password/change", passwordChange("a\u0000b", next, next), changing),
        "POST", "/password/change", 422, "forbiddenCharacter");
    assertDocumented(xphoto.api().post("/password/change", passwordChange(PASSWORD, next, next), changing),
        "POST", "/password/change", 200, null);
    assertDocumented(xphoto.api().post("/signout/all", null, changing), "POST", "/signout/all", 200, null);
    assertDocumented(xphoto.api().post("/signout/all", null, changing), "POST", "/signout/all", 401, "unauthorized");
  }

  /**
   * The face library's choices of faces and explained searches (issue 15): the refusals are the documented
   * bodies, the registration's and the searches' answers fit their documented schemas. On a real portrait.
   */
  @Test
  void theFaceChoicesAndTheExplainedSearchesAnswerAsDocumented(Vertx vertx) {
    OpenAPIContract contract = Api.join(OpenAPIContract.from(vertx, document.withoutMediaTypesVertxCannotLoad()));
    String token = tokenOfANewMember();
    byte[] portrait = FacePhotos.jpeg(FacePhotos.portrait(FacePhotos.ANNA), 0.9f);
    String url = xphoto.api().upload("/upload", token, portrait).json().getJsonArray("urls").getString(0);
    JsonObject file = new JsonObject().put("file", url);
    assertDocumented(xphoto.api().post("/images-db?face=first", file, token), "POST", "/images-db", 422, "badFaceChoice");
    assertDocumented(xphoto.api().post("/images-db?face=0", new JsonObject().put("file",
        new JsonArray().add(url).add("http://example.org/a.png")), token), "POST", "/images-db", 422, "faceChoiceOfOneImage");
    assertDocumented(xphoto.api().post("/images-db?face=1", file, token), "POST", "/images-db", 422, "noFaceAtIndex");
    assertDocumented(xphoto.api().post("/images-db?face=0,0,10,10", file, token), "POST", "/images-db", 422,
        "noFaceInBox");

    JsonObject probe = new JsonObject().put("faceFile", url);
    Api.Reply empty = xphoto.api().post("/images-db/search", probe, token);
    assertFitsSchema(contract, empty, "searchFaces", 404);
    assertFitsSchema(contract, xphoto.api().post("/images-db?face=0", file, token), "registerFaces", 201);
    Api.Reply found = xphoto.api().post("/images-db/search", probe, token);
    assertFitsSchema(contract, found, "searchFaces", 200);
    assertTrue(found.json().containsKey("match"), found.toString());
  }

  private static void assertFitsSchema(OpenAPIContract contract, Api.Reply reply, String operationId, int status) {
    assertEquals(status, reply.status(), operationId + ": " + reply);
    assertEquals("application/json; charset=utf-8", reply.header("Content-Type"), reply.toString());
    MediaType json = contract.operation(operationId).getResponse(status).getContent().get(MediaType.APPLICATION_JSON);
    OutputUnit result = contract.getSchemaRepository().validator(json.getSchema()).validate(reply.json());
    assertTrue(result.getValid(), operationId + " " + status + ": " + reply + " " + result.getErrors());
  }

  private static JsonObject passwordChange(String old, String password, String repeat) {
    return new JsonObject().put("old_password", old).put("password", password).put("repeat_password", repeat);
  }

  @Test
  void thePasswordResetAndEmailChangeAnswersAreTheOnesSent() {
    assertDocumented(xphoto.api().postRaw("/password/forgot", "{bad"), "POST", "/password/forgot", 400, "malformed");
    assertDocumented(xphoto.api().post("/password/forgot", new JsonObject()), "POST", "/password/forgot", 422, "missingField");
    assertDocumented(xphoto.api().post("/password/forgot", new JsonObject().put("username", 5)), "POST", "/password/forgot", 422,
        "wrongType");
    assertDocumented(xphoto.api().post("/password/forgot", new JsonObject().put("username", uniqueName("nobody"))), "POST",
        "/password/forgot", 200, null);

    assertDocumented(xphoto.api().get("/password/reset"), "GET", "/password/reset", 422, "refused");
    assertDocumented(xphoto.api().get("/password/reset?key=abc"), "GET", "/password/reset", 422, "refused");
    assertDocumented(xphoto.api().get("/password/reset?key=%zz"), "GET", "/password/reset", 400, "malformedQuery");
    assertDocumented(xphoto.api().post("/password/reset", new JsonObject()), "POST", "/password/reset", 422, "missingField");
    assertDocumented(xphoto.api().post("/password/reset", reset("abc", PASSWORD).put("password", 5)), "POST", "/password/reset",
        422, "wrongType");
    assertDocumented(xphoto.api().post("/password/reset", reset("abc", "short")), "POST", "/password/reset", 422,
        "passwordLength");
    assertDocumented(xphoto.api().post("/password/reset", reset("abc", PASSWORD).put("repeat_password", "other")), "POST",
        "/password/reset", 422, "passwordsDiffer");
    assertDocumented(xphoto.api().post("/password/reset", reset("abc", PASSWORD)), "POST", "/password/reset", 422, "refused");

    JsonObject change = new JsonObject().put("email", uniqueName("moved") + "@example.org").put("password", PASSWORD);
    assertDocumented(xphoto.api().post("/email/change", change), "POST", "/email/change", 401, "unauthorized");
    String token = tokenOfANewMember();
    assertDocumented(xphoto.api().post("/email/change", change.copy().put("email", "not-an-email"), token), "POST",
        "/email/change", 422, "email");
    assertDocumented(xphoto.api().post("/email/change", change.copy().put("email", 5), token), "POST", "/email/change", 422,
        "wrongType");
    JsonObject noPassword = change.copy();
    noPassword.remove("password");
    assertDocumented(xphoto.api().post("/email/change", noPassword, token), "POST", "/email/change", 422, "missingField");
    assertDocumented(xphoto.api().post("/email/change", change.copy().put("password", "wrong password"), token), "POST",
        "/email/change", 422, "wrongPassword");
    assertDocumented(xphoto.api().post("/email/change", change, token), "POST", "/email/change", 200, null);
    assertDocumented(xphoto.api().get("/email/confirm"), "GET", "/email/confirm", 422, "refused");
    assertDocumented(xphoto.api().get("/email/confirm?key=abc"), "GET", "/email/confirm", 422, "refused");
  }

  private static JsonObject reset(String key, String password) {
    return new JsonObject().put("key", key).put("password", password).put("repeat_password", password);
  }

  @Test
  void theAccountExportAndDeletionAnswerAsDocumented() {
    assertDocumented(xphoto.api().get("/account/export"), "GET", "/account/export", 401, "unauthorized");
    assertDocumented(deleteAccount(null, new JsonObject().put("password", PASSWORD).encode()), "DELETE", "/account", 401,
        "unauthorized");
    String token = tokenOfANewMember();
    assertDocumented(xphoto.api().get("/account/export?embeddings=%zz", token), "GET", "/account/export", 400, "malformedQuery");
    assertDocumented(deleteAccount(token, "{bad"), "DELETE", "/account", 400, "malformed");
    assertDocumented(deleteAccount(token, "{}"), "DELETE", "/account", 422, "missingPassword");
    assertDocumented(deleteAccount(token, "{\"password\": 5}"), "DELETE", "/account", 422, "wrongType");
    assertDocumented(deleteAccount(token, "{\"password\": \"a\\u0000b\"}"), "DELETE", "/account", 422,
        "forbiddenCharacter");
    assertDocumented(deleteAccount(token, "{\"password\": \"not it\"}"), "DELETE", "/account", 403, "wrongPassword");
    assertEquals(200, xphoto.api().get("/account/export", token).status());
    assertDocumented(deleteAccount(token, new JsonObject().put("password", PASSWORD).encode()), "DELETE", "/account",
        200, null);
    assertDocumented(xphoto.api().get("/account/export", token), "GET", "/account/export", 401, "unauthorized");
  }

  @Test
  void theAdminApiAndTheDisabledAccountAnswerAsDocumented() {
    String admin = xphoto.activeUser(ADMIN);
    long adminId = Long.parseLong(io.xphoto.support.Jwts.payload(admin).getString("id"));
    String member = uniqueName("member");
    String token = xphoto.activeUser(member);
    long memberId = Long.parseLong(io.xphoto.support.Jwts.payload(token).getString("id"));
    Api api = xphoto.api();
    String users = "/admin/users/{id}";
    assertDocumented(api.get("/account/events"), "GET", "/account/events", 401, "unauthorized");
    assertDocumented(api.get("/admin/users"), "GET", "/admin/users", 401, "unauthorized");
    assertDocumented(api.get("/admin/audit", token), "GET", "/admin/audit", 403, "notAdmin");
    assertDocumented(api.post("/admin/users/" + memberId + "/signout", null, token), "POST", users + "/signout", 403,
        "notAdmin");
    assertDocumented(api.get("/admin/users?size=0", admin), "GET", "/admin/users", 422, "badPage");
    assertDocumented(api.get("/admin/audit?type=x", admin), "GET", "/admin/audit", 422, "badType");
    assertDocumented(api.get("/admin/audit?since=x", admin), "GET", "/admin/audit", 422, "badSince");
    assertDocumented(api.get("/admin/audit?user=0", admin), "GET", "/admin/audit", 422, "badUserId");
    assertDocumented(api.get("/admin/audit?page=x", admin), "GET", "/admin/audit", 422, "badPage");
    assertDocumented(api.post("/admin/users/" + adminId + "/disable", null, admin), "POST", users + "/disable", 422,
        "yourself");
    assertDocumented(api.post("/admin/users/x/disable", null, admin), "POST", users + "/disable", 422, "badUserId");
    assertDocumented(api.post("/admin/users/x/enable", null, admin), "POST", users + "/enable", 422, "badUserId");
    assertDocumented(api.post("/admin/users/999999999/enable", null, admin), "POST", users + "/enable", 404,
        "noSuchUser");
    assertDocumented(api.post("/admin/users/999999999/signout", null, admin), "POST", users + "/signout", 404,
        "noSuchUser");
    assertDocumented(api.post("/admin/users/" + memberId + "/role", new JsonObject().put("role", "x"), admin), "POST",
        users + "/role", 422, "badRole");
    assertDocumented(api.postRaw("/admin/users/" + memberId + "/role", "{bad"), "POST", users + "/role", 401,
        "unauthorized");
    assertDocumented(api.post("/admin/users/" + memberId + "/role", new JsonObject().put("role", "user"), admin),
        "POST", users + "/role", 200, null);
    assertDocumented(api.post("/admin/users/" + memberId + "/signout", null, admin), "POST", users + "/signout", 200,
        null);
    assertDocumented(api.post("/admin/users/" + memberId + "/disable", null, admin), "POST", users + "/disable", 200,
        null);
    assertDocumented(api.signin(member, PASSWORD), "POST", "/signin", 403, "disabled");
    assertDocumented(xphoto.browser().login(member, PASSWORD), "POST", "/forum/user/login", 200, "disabled");
    assertDocumented(api.post("/admin/users/" + memberId + "/enable", null, admin), "POST", users + "/enable", 200,
        null);
    ForumClient crossSite = xphoto.browser();
    crossSite.login(ADMIN, PASSWORD);
    assertDocumented(crossSite.send(HttpMethod.POST, "/admin/users/" + memberId + "/signout",
        Map.of("Origin", "https://elsewhere.example"), null), "POST", users + "/signout", 403, "crossSite");
  }

  private static Api.Reply deleteAccount(String token, String body) {
    return xphoto.api().send(xphoto.api().request(HttpMethod.DELETE, "/account", token), io.vertx.core.buffer.Buffer.buffer(body));
  }

  @Test
  void signInThrottlingAnswersAsDocumentedOnBothSurfaces() {
    String name = uniqueName("guess");
    JsonObject guess = new JsonObject().put("username", name).put("password", "wrong password");
    for (int i = 0; i < 5; i++) {
      assertDocumented(xphoto.api().post("/signin", guess), "POST", "/signin", 401, "wrongCredentials");
    }
    assertDocumented(xphoto.api().post("/signin", guess), "POST", "/signin", 429, "tooManyAttempts");
    assertDocumented(xphoto.browser().login(name, "wrong password"), "POST", "/forum/user/login",
        429, "tooManyAttempts");

    ForumClient member = xphoto.browser();
    assertEquals(200, member.register(uniqueName("oldpw"), PASSWORD, "Contract member", null).status());
    JsonObject change = new JsonObject().put("password", "a brand new secret").put("old_password", "wrong password");
    for (int i = 0; i < 5; i++) {
      assertEquals(200, member.put("/forum/user/info", change).status());
    }
    assertDocumented(member.put("/forum/user/info", change), "PUT", "/forum/user/info", 429, "tooManyAttempts");
  }

  @Test
  void theForumsDocumentedAnswersAreTheOnesSent() {
    assertComponent(xphoto.api().get("/forum/no/such/route"), "ForumNoSuchRoute", 404, "noSuchRoute");
    ForumClient visitor = xphoto.browser();
    assertComponent(visitor.send(HttpMethod.PUT, "/forum/user/login", Map.of(), null), "ForumMethodNotAllowed", 405,
        "methodNotAllowed");
    assertComponent(xphoto.api().send(xphoto.api().request(HttpMethod.GET, "/forum/user/info", null).putHeader("X-Big", "y".repeat(10_000)),
        null), "ForumHeadersTooLarge", 431, "headersTooLarge");

    assertEquals(200, xphoto.api().get("/forum/user/template").status());
    assertDocumented(xphoto.api().get("/forum/user/template"), "GET", "/forum/user/template", 200, null);
    assertDocumented(visitor.post("/forum/user/login", new JsonObject().put("username", "nobody").put("password", "x")
        .put("captcha", "zzzzz")), "POST", "/forum/user/login", 200, "wrongCaptcha");
    assertDocumented(visitor.send(HttpMethod.POST, "/forum/user/reg", Map.of("Content-Type", "application/json"),
        Buffer.buffer("{bad")), "POST", "/forum/user/reg", 400, "malformed");
    assertDocumented(visitor.send(HttpMethod.POST, "/forum/user/reg",
        Map.of("Content-Type", "application/json", "Origin", "http://evil.example"), Buffer.buffer("{}")),
        "POST", "/forum/user/reg", 403, "crossSite");
    assertDocumented(visitor.send(HttpMethod.POST, "/forum/user/reg", Map.of("Content-Type", "text/plain"),
        Buffer.buffer("{}")), "POST", "/forum/user/reg", 415, "notJson");
    assertDocumented(visitor.post("/forum/user/login", new JsonObject().put("username", "a\u0000").put("password", "x")
        .put("captcha", CAPTCHA)), "POST", "/forum/user/login", 422, "forbiddenCharacter");
    assertDocumented(visitor.register("ab", PASSWORD, "Contract member", null), "POST", "/forum/user/reg", 200,
        "username");
    assertDocumented(visitor.register(uniqueName("forum"), PASSWORD, "short", null), "POST", "/forum/user/reg", 200,
        "alias");
    assertDocumented(visitor.get("/forum/user/info"), "GET", "/forum/user/info", 401, "notLoggedIn");
    assertDocumented(visitor.send(HttpMethod.POST, "/forum/user/logout", Map.of(), null), "POST", "/forum/user/logout",
        200, "loggedOut");
    assertDocumented(xphoto.api().get("/image/avatar/nope.png"), "GET", "/image/avatar/{name}", 404, "noSuchAvatar");

    ForumClient member = xphoto.browser();
    assertDocumented(member.register(uniqueName("forum"), PASSWORD, "Contract member", null), "POST", "/forum/user/reg",
        200, "registered");
    assertDocumented(member.get("/forum/user/info?userID=abc"), "GET", "/forum/user/info", 400, "badUserId");
    assertDocumented(member.send(HttpMethod.GET, "/forum/user/info", Map.of("Content-Type", "application/json"),
        Buffer.buffer("{\"userID\": \"one\"}")), "GET", "/forum/user/info", 400, "badUserId");
    assertDocumented(member.get("/forum/user/info?userID=0"), "GET", "/forum/user/info", 400, "badUserId");
    assertDocumented(member.send(HttpMethod.GET, "/forum/user/info", Map.of("Content-Type", "application/json"),
        Buffer.buffer("{\"userID\": -1}")), "GET", "/forum/user/info", 400, "badUserId");
    assertDocumented(member.get("/forum/user/info?username=" + uniqueName("none")), "GET", "/forum/user/info", 404,
        "noSuchUser");
    assertDocumented(member.put("/forum/user/info", new JsonObject().put("username", uniqueName("other"))), "PUT",
        "/forum/user/info", 403, "notAllowed");
    assertDocumented(member.put("/forum/user/info", new JsonObject().put("alias", "short")), "PUT", "/forum/user/info",
        200, "alias");
    assertDocumented(member.put("/forum/user/info", new JsonObject().put("password", "new password 1")
        .put("old_password", "wrong password")), "PUT", "/forum/user/info", 200, "wrongOldPassword");
    assertDocumented(member.put("/forum/user/info", new JsonObject().put("alias", "A long enough alias")), "PUT",
        "/forum/user/info", 200, "updated");
    assertDocumented(member.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "text/plain"),
        Buffer.buffer("x")), "PUT", "/forum/user/avatar", 415, "notAnImage");
    assertDocumented(member.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"),
        Buffer.buffer("not an image")), "PUT", "/forum/user/avatar", 415, "notAnImage");
    assertDocumented(member.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"),
        Buffer.buffer(new byte[1024 * 1024 + 1])), "PUT", "/forum/user/avatar", 413, "avatarTooLarge");
    assertDocumented(member.send(HttpMethod.PUT, "/forum/user/avatar", Map.of("Content-Type", "image/png"),
        Buffer.buffer(TestImages.pixelFloodPng(8000, 8000))), "PUT", "/forum/user/avatar", 422, "tooManyPixels");
  }

  @Test
  void theDocumentAndTheDocsPageAreServed() {
    Api.Reply yaml = xphoto.api().get(OpenApiDocument.PATH);
    assertEquals(200, yaml.status());
    assertEquals(OpenApiDocument.CONTENT_TYPE, yaml.header("Content-Type"));
    assertEquals(Buffer.buffer(Resources.bytes(OpenApiDocument.RESOURCE)), yaml.body());
    Api.Reply head = xphoto.api().send(xphoto.api().request(HttpMethod.HEAD, OpenApiDocument.PATH, null), null);
    assertEquals(200, head.status());
    assertEquals(Integer.toString(yaml.body().length()), head.header("Content-Length"));

    Api.Reply page = xphoto.api().get("/docs");
    assertEquals(200, page.status());
    assertEquals("text/html; charset=utf-8", page.header("Content-Type"));
    assertEquals("nosniff", page.header("X-Content-Type-Options"));
    String html = page.body().toString();
    assertTrue(html.contains("url: \"/openapi.yaml\""), html);
    Matcher links = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
    int assets = 0;
    while (links.find()) {
      String link = links.group(1);
      assertTrue(link.startsWith("/docs/"), "the page loads nothing from elsewhere: " + link);
      Api.Reply asset = xphoto.api().get(link);
      assertEquals(200, asset.status(), link);
      assets++;
    }
    assertEquals(3, assets, html);
    // the types openapi.yaml names for docsAsset
    String script = xphoto.api().get("/docs/swagger-ui-bundle.js").header("Content-Type");
    assertTrue(script.startsWith("text/javascript"), script);
    String css = xphoto.api().get("/docs/swagger-ui.css").header("Content-Type");
    assertTrue(css.startsWith("text/css"), css);
    // the webjar's own page points at a demonstration document elsewhere: not served
    assertComponent(xphoto.api().get("/docs/index.html"), "NoSuchRoute", 404, "noSuchRoute");
    assertComponent(xphoto.api().get("/docs/swagger-initializer.js"), "NoSuchRoute", 404, "noSuchRoute");
  }

  @Test
  void theTwoStepVerificationAnswersAreTheOnesSent() {
    assertDocumented(xphoto.api().post("/totp/setup", null), "POST", "/totp/setup", 401, "unauthorized");
    String username = uniqueName("contract");
    ForumClient browser = xphoto.browser();
    assertEquals(200, browser.register(username, PASSWORD, "Contract member", null).status());
    String token = xphoto.api().signin(username, PASSWORD).json().getString("JWTToken");
    assertDocumented(totp("/totp/enable", token, new JsonObject().put("code", "123456")), "POST", "/totp/enable", 409,
        "notSetUp");
    assertDocumented(xphoto.api().get("/totp", token), "GET", "/totp", 200, "off");
    Api.Reply setup = xphoto.api().post("/totp/setup", null, token);
    assertEquals(200, setup.status(), setup.toString());
    assertDocumented(xphoto.api().get("/totp", token), "GET", "/totp", 200, "off");
    assertEquals("no-store", setup.header("Cache-Control"));
    byte[] secret = TestTotp.base32Decode(setup.json().getString("secret"));
    assertDocumented(totp("/totp/enable", token, new JsonObject()), "POST", "/totp/enable", 422, "missingCode");
    assertDocumented(totp("/totp/enable", token, new JsonObject().put("code", 123456)), "POST", "/totp/enable", 422,
        "wrongType");
    TestTotp.awayFromStepEdge(10_000);
    long step = TestTotp.stepNow();
    assertDocumented(totp("/totp/enable", token, new JsonObject().put("code", TestTotp.code(secret, step - 3, 6))),
        "POST", "/totp/enable", 422, "wrongCode");
    Api.Reply enabled = totp("/totp/enable", token, new JsonObject().put("code", TestTotp.code(secret, step - 1, 6)));
    assertEquals(200, enabled.status(), enabled.toString());
    JsonArray recoveryCodes = enabled.json().getJsonArray("recoveryCodes");
    assertDocumented(xphoto.api().get("/totp", token), "GET", "/totp", 200, "on");
    assertDocumented(xphoto.api().post("/totp/setup", null, token), "POST", "/totp/setup", 409, "alreadyEnabled");
    assertDocumented(totp("/totp/enable", token, new JsonObject().put("code", TestTotp.code(secret, step, 6))),
        "POST", "/totp/enable", 409, "alreadyEnabled");

    JsonObject signin = new JsonObject().put("username", username).put("password", PASSWORD);
    assertDocumented(xphoto.api().post("/signin", signin), "POST", "/signin", 401, "totpRequired");
    assertDocumented(xphoto.api().post("/signin", signin.copy().put("totp", TestTotp.code(secret, step - 1, 6))),
        "POST", "/signin", 401, "wrongTotp");
    assertEquals(200, xphoto.api().post("/signin", signin.copy().put("totp", TestTotp.code(secret, step, 6))).status());
    ForumClient forum = xphoto.browser();
    forum.captcha();
    JsonObject login = signin.copy().put("captcha", CAPTCHA);
    assertDocumented(forum.post("/forum/user/login", login), "POST", "/forum/user/login", 200, "totpRequired");
    forum.captcha();
    assertDocumented(forum.post("/forum/user/login", login.copy().put("totp", TestTotp.code(secret, step, 6))),
        "POST", "/forum/user/login", 200, "wrongTotp");
    forum.captcha();
    assertDocumented(forum.post("/forum/user/login", login.copy().put("totp", TestTotp.code(secret, step + 1, 6))),
        "POST", "/forum/user/login", 200, "loggedIn");

    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", PASSWORD)), "POST", "/totp/disable",
        422, "missingField");
    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", 5).put("code", "1")), "POST",
        "/totp/disable", 422, "wrongType");
    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", "wrong password").put("code", "1")),
        "POST", "/totp/disable", 403, "wrongPassword");
    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", PASSWORD)
        .put("code", TestTotp.code(secret, step + 1, 6))), "POST", "/totp/disable", 403, "wrongCode");
    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", PASSWORD)
        .put("code", recoveryCodes.getString(0))), "POST", "/totp/disable", 200, null);
    assertDocumented(xphoto.api().get("/totp", token), "GET", "/totp", 200, "off");
    assertDocumented(xphoto.api().get("/totp"), "GET", "/totp", 401, "unauthorized");
    assertDocumented(totp("/totp/disable", token, new JsonObject().put("password", PASSWORD)
        .put("code", recoveryCodes.getString(1))), "POST", "/totp/disable", 409, "notEnabled");
    assertEquals(200, xphoto.api().post("/signin", signin).status(), "TOTP off: the password alone");
  }

  private static Api.Reply totp(String path, String token, JsonObject body) {
    return xphoto.api().post(path, body, token);
  }

  private static void assertDocumented(Api.Reply reply, String method, String path, int status, String example) {
    DocumentedAnswers.assertDocumented(document, reply, method, path, status, example);
  }

  private static void assertComponent(Api.Reply reply, String response, int status, String example) {
    DocumentedAnswers.assertComponent(document, reply, response, status, example);
  }

  /** Whether a noted route ({@code "GET /images-db/:id"}, {@code "GET /objects/*"}) serves a documented operation. */
  private static boolean serves(String route, ContractDocument.Operation operation) {
    String[] parts = route.split(" ", 2);
    if (!parts[0].equals(operation.method())) {
      return false;
    }
    String documented = operation.path();
    if (parts[1].endsWith("*")) {
      String prefix = parts[1].substring(0, parts[1].length() - 1);
      return documented.startsWith(prefix) && documented.substring(prefix.length()).matches("\\{[^/}]+}");
    }
    return parts[1].equals(PATH_PARAMETER.matcher(documented).replaceAll(":$1"));
  }

  /** The operation's path with each path parameter replaced by its documented example. */
  private static String withExampleParameters(ContractDocument.Operation operation) {
    Matcher parameter = PATH_PARAMETER.matcher(operation.path());
    StringBuilder path = new StringBuilder();
    while (parameter.find()) {
      String name = parameter.group(1);
      JsonArray parameters = operation.model().getJsonArray("parameters", new JsonArray());
      String example = parameters.stream().map(p -> document.resolve((JsonObject) p))
          .filter(p -> name.equals(p.getString("name")) && "path".equals(p.getString("in")))
          .map(p -> p.getValue("example")).map(String::valueOf).findFirst()
          .orElseThrow(() -> new AssertionError(operation + ": no example for " + name));
      parameter.appendReplacement(path, Matcher.quoteReplacement(example));
    }
    parameter.appendTail(path);
    return path.toString();
  }

  /** A stored object under the given name, as the local storage keeps uploads (the route serves files). */
  private static void placeObject(String name) throws Exception {
    Path directory = LocalDiskBackend.directory(Path.of(xphoto.server().settings().string("data.dir")));
    Files.write(directory.resolve(name), TestImages.png(8, 8, 1));
  }

  private static JsonObject signup(String username, String password, String repeat) {
    return new JsonObject().put("username", username).put("email", username + "@example.org")
        .put("password", password).put("repeat_password", repeat);
  }

  /** A token of a new active account (a forum registration, then /signin). */
  private static String tokenOfANewMember() {
    String username = uniqueName("contract");
    ForumClient browser = xphoto.browser();
    assertEquals(200, browser.register(username, PASSWORD, "Contract member", null).status());
    Api.Reply signin = xphoto.api().post("/signin", new JsonObject().put("username", username).put("password", PASSWORD));
    assertEquals(200, signin.status(), signin.toString());
    return signin.json().getString("JWTToken");
  }
}
