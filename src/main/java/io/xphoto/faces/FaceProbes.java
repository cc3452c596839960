package io.xphoto.faces;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.xphoto.cluster.RawBytes;
import io.xphoto.images.Image;
import io.xphoto.images.ImageType;

/**
 * Face calls on an image that is not stored (a search's uploaded probe): the checked bytes are the body, in
 * the node's byte codec, and the rest travels as headers ({@code action}: {@code search} with {@code ownerId},
 * or {@code detect} with {@code limit}; the check's {@code type}, {@code width}, {@code height},
 * {@code orientation}). Replies and failures are those of {@link FaceService}'s methods.
 */
public final class FaceProbes {

  private FaceProbes() {
  }

  /** The probe address of the face workers of one node. */
  public static String address(String node) {
    return FaceService.address(node) + ".probe";
  }

  /** As {@link FaceService#searchStored}, for a probe just checked: its bytes are handed over, not copied. */
  public static Future<FaceSearch> search(Vertx vertx, String node, long ownerId, Image probe) {
    return send(vertx, node, probe, options("search").addHeader("ownerId", Long.toString(ownerId)))
        .map(FaceSearch::new);
  }

  /** The faces of a checked image, largest first, as the worker's detection gives them (0: all). */
  public static Future<JsonObject> detect(Vertx vertx, String node, Image image, int limit) {
    return send(vertx, node, image, options("detect").addHeader("limit", Integer.toString(limit)));
  }

  private static DeliveryOptions options(String action) {
    return new DeliveryOptions().setSendTimeout(FaceService.TIMEOUT_MS).addHeader("action", action);
  }

  private static Future<JsonObject> send(Vertx vertx, String node, Image image, DeliveryOptions options) {
    ImageCheck checked = ImageCheck.of(image);
    options.addHeader("type", checked.getType().name()).addHeader("width", Integer.toString(checked.getWidth()))
        .addHeader("height", Integer.toString(checked.getHeight()))
        .addHeader("orientation", Integer.toString(checked.getOrientation()));
    return vertx.eventBus().<JsonObject>request(address(node), new RawBytes(image.bytes()), options)
        .map(Message::body);
  }

  /** Serves this node's probe address with {@code faces}, on the calling verticle's context. */
  static MessageConsumer<RawBytes> serve(EventBus eventBus, String node, OnnxFaceService faces) {
    return eventBus.consumer(address(node), message -> {
      Future<JsonObject> answer;
      try {
        Image image = checked(message.headers()).image(message.body().bytes());
        answer = switch (String.valueOf(message.headers().get("action"))) {
          case "search" -> faces.search(Long.parseLong(message.headers().get("ownerId")), image)
              .map(FaceSearch::toJson);
          case "detect" -> faces.detect(image, Integer.parseInt(message.headers().get("limit")));
          default -> Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE,
              500, "Invalid action: " + message.headers().get("action")));
        };
      } catch (RuntimeException e) {
        answer = Future.failedFuture(e);
      }
      answer.onSuccess(message::reply).onFailure(e -> message.fail(
          e instanceof ReplyException reply ? reply.failureCode() : -1, String.valueOf(e.getMessage())));
    });
  }

  private static ImageCheck checked(MultiMap headers) {
    return new ImageCheck().setType(ImageType.valueOf(headers.get("type")))
        .setWidth(Integer.parseInt(headers.get("width"))).setHeight(Integer.parseInt(headers.get("height")))
        .setOrientation(Integer.parseInt(headers.get("orientation")));
  }
}
