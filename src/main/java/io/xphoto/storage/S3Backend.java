package io.xphoto.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.xphoto.config.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects in an S3-compatible store (MinIO, Ceph, AWS S3) through the MinIO client. URLs are
 * {@code s3.public-url/<key>} for a public bucket, else presigned GET URLs valid {@code s3.presign-ttl}.
 */
final class S3Backend implements StorageBackend {

  private final MinioClient client;
  private final String bucket;
  private final String publicUrl;
  private final int presignSeconds;

  S3Backend(Settings settings) throws IOException {
    this.client = MinioClient.builder()
        .endpoint(settings.string("s3.endpoint"))
        .region(settings.string("s3.region"))
        .credentials(settings.string("s3.access-key"), settings.string("s3.secret-key"))
        .build();
    this.bucket = settings.string("s3.bucket");
    this.publicUrl = settings.string("s3.public-url").replaceAll("/+$", "");
    this.presignSeconds = (int) settings.duration("s3.presign-ttl").toSeconds();
  }

  /** Creates the bucket if it is missing. */
  void ensureBucket() throws IOException {
    call(() -> {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
      return null;
    });
  }

  @Override
  public void check() throws IOException {
    boolean exists = call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
    if (!exists) {
      throw new IOException("the bucket is missing");
    }
  }

  @Override
  public void put(String key, byte[] bytes, String contentType) throws IOException {
    call(() -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
        .data(bytes, bytes.length).contentType(contentType).build()));
  }

  @Override
  public byte[] get(String key) throws IOException {
    return call(() -> {
      try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        return in.readAllBytes();
      }
    });
  }

  @Override
  public void delete(String key) throws IOException {
    call(() -> {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
      return null;
    });
  }

  @Override
  public String url(String key) throws IOException {
    if (!publicUrl.isEmpty()) {
      return publicUrl + "/" + key;
    }
    return call(() -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
        .method(Http.Method.GET).bucket(bucket).object(key).expiry(presignSeconds).build()));
  }

  @Override
  public List<String> keysOlderThan(Duration age) throws IOException {
    ZonedDateTime before = ZonedDateTime.now().minus(age);
    return call(() -> {
      List<String> keys = new ArrayList<>();
      for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).build())) {
        Item item = result.get();
        if (ObjectKeys.isKey(item.objectName()) && item.lastModified().isBefore(before)) {
          keys.add(item.objectName());
        }
      }
      return keys;
    });
  }

  private interface Call<T> {
    T run() throws MinioException, IOException;
  }

  /** Every failure to reach the store becomes an IOException (the client wraps connection errors unchecked). */
  private static <T> T call(Call<T> call) throws IOException {
    try {
      return call.run();
    } catch (MinioException e) {
      throw new IOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IOException || cause instanceof MinioException) {
          throw new IOException(cause.getMessage(), e);
        }
      }
      throw e;
    }
  }
}
