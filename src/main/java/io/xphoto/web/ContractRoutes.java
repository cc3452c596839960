package io.xphoto.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A surface's router built by Vert.x's {@link RouterBuilder} from its part of {@code openapi.yaml}: one route
 * per {@code operationId}, at the document's path and method, answered by the handlers given for it.
 *
 * <p>A request is validated against the operation's parameters by {@link #validation}, and its JSON body against
 * the operation's body schema by {@link #bodyValidation} (with the document's messages, see
 * {@link BodyValidation}): handlers placed among the others rather than RouterBuilder's own validation, which would
 * also answer in vertx-openapi's wording, and: RouterBuilder runs its validation before any handler
 * given to it and takes only Vert.x's own authentication handler types, so a request without a token would get a
 * validation answer before its documented 401, and a body handler could not come before it (Vert.x refuses a body
 * handler after an input-trust one).
 */
public final class ContractRoutes {

  private final RouterBuilder builder;
  private final RequestValidator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  public ContractRoutes(Vertx vertx, OpenAPIContract contract) {
    this.builder = RouterBuilder.create(vertx, contract);
    this.validator = RequestValidator.create(vertx, contract);
  }

  /**
   * A handler every request to this router passes first, whatever its path and method (before Vert.x decides a
   * 404 or 405). Not for a router with hand-mounted routes that must not pass it.
   */
  public ContractRoutes rootHandler(Handler<RoutingContext> handler) {
    builder.rootHandler(handler);
    return this;
  }

  /** The operation is answered by these handlers, in this order. */
  @SafeVarargs
  public final ContractRoutes handle(String operationId, Handler<RoutingContext>... handlers) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalArgumentException("no operation " + operationId + " in this surface's contract");
    }
    route.setDoValidation(false);
    for (Handler<RoutingContext> handler : handlers) {
      route.addHandler(handler);
    }
    return this;
  }

  /**
   * A handler that lets the request on when it fits the operation's parameters and body as documented, and
   * fails it with {@code invalid} (the operation's documented answer to such a request) otherwise.
   */
  public Handler<RoutingContext> validation(String operationId, ApiError invalid) {
    return ctx -> extractor.extractValidatableRequest(ctx, builder.getRoute(operationId).getOperation())
        .compose(request -> validator.validate(request, operationId))
        .onSuccess(validated -> ctx.next())
        .onFailure(e -> ctx.fail(e instanceof ValidatorException ? invalid : e));
  }

  /**
   * A handler that lets the request on when its JSON body fits the operation's schema, and fails it with
   * {@code refusal} of the document's message for the first failure otherwise (see {@link BodyValidation}).
   */
  public BodyValidation bodyValidation(String operationId, Map<String, Predicate<String>> formats,
                                       Function<String, ApiError> refusal) {
    return new BodyValidation(jsonBodySchema(builder.getRoute(operationId).getOperation()), formats, refusal);
  }

  /** The schema of the operation's {@code application/json} request body, as the contract has it. */
  public static JsonObject jsonBodySchema(Operation operation) {
    if (operation == null || operation.getRequestBody() == null
        || operation.getRequestBody().getContent().get("application/json") == null) {
      throw new IllegalArgumentException("no JSON request body in the operation " + operation);
    }
    return operation.getRequestBody().getContent().get("application/json").getOpenAPIModel().getJsonObject("schema");
  }

  /** The router: call once every operation of the contract has its handlers. */
  public Router router() {
    List<String> unanswered = builder.getRoutes().stream()
        .filter(route -> route.getHandlers().isEmpty())
        .map(route -> route.getOperation().getOperationId())
        .toList();
    if (!unanswered.isEmpty()) {
      throw new IllegalStateException("operations without a handler: " + unanswered);
    }
    return builder.createRouter();
  }
}
