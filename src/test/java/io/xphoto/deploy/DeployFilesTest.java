package io.xphoto.deploy;

import io.xphoto.config.Settings;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/compose.yaml and deploy/cluster.yaml as the server reads them: every XPHOTO_* variable they set names a
 * configuration key, the nodes have the roles and cluster settings "Running a cluster" asks for, the health checks
 * and volumes are there, and nginx balances the HTTP nodes. (`docker compose config` validates their syntax where
 * a compose is installed: README "Container image and deployment".)
 */
class DeployFilesTest {

  private static final Path DEPLOY = Path.of("deploy");

  @Test
  void theSingleHostDeploymentHasItsServicesHealthChecksAndVolumes() throws IOException {
    Map<String, Map<String, Object>> services = services("compose.yaml");
    assertEquals(Set.of("server", "postgres", "minio", "mailpit"), services.keySet());
    services.forEach((name, service) -> assertNotNull(service.get("healthcheck"), name + " has a health check"));
    Map<String, Object> server = services.get("server");
    assertTrue(server.get("healthcheck").toString().contains("GET /health/ready "), server.get("healthcheck").toString());
    assertTrue(strings(server.get("volumes")).stream().anyMatch(volume -> volume.endsWith(":/data")));
    Map<String, String> env = environment(server);
    assertUnknownVariables(env);
    assertEquals("s3", env.get("XPHOTO_STORAGE"));
    assertEquals("postgresql://postgres:5432/xphoto", env.get("XPHOTO_DB_URL"));
    assertEquals("mailpit", env.get("XPHOTO_SMTP_HOST"));
  }

  @Test
  void theClusterHasTwoHttpNodesTwoFaceWorkersAndABackEndBehindTheBalancer() throws IOException {
    Map<String, Map<String, Object>> services = services("cluster.yaml");
    Map<String, String> roles = new java.util.TreeMap<>();
    List<String> nodes = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      Map<String, String> env = environment(service.getValue());
      if (env.containsKey("XPHOTO_NODE_ROLES")) {
        nodes.add(service.getKey());
        roles.put(service.getKey(), env.get("XPHOTO_NODE_ROLES"));
        assertUnknownVariables(env);
        assertEquals("true", env.get("XPHOTO_CLUSTER_ENABLED"));
        assertEquals(service.getKey(), env.get("XPHOTO_CLUSTER_HOST"), "each node announces its own address");
        assertTrue(env.get("XPHOTO_CLUSTER_NAME").startsWith("${"), "the cluster's name comes from .env");
        assertTrue(env.get("XPHOTO_JWT_SECRET").startsWith("${"), "one JWT key, from .env");
        assertEquals("s3", env.get("XPHOTO_STORAGE"));
      }
    }
    assertEquals(Map.of("backend", "db,mail,storage", "faces1", "faces", "faces2", "faces", "http1", "http",
        "http2", "http"), roles);
    for (String node : nodes) {
      Set<String> members = Set.of(environment(services.get(node)).get("XPHOTO_CLUSTER_MEMBERS").split(","));
      assertEquals(Set.copyOf(nodes), members, node + " lists every node to join");
    }
    assertTrue(environment(services.get("backend")).get("XPHOTO_DB_URL").startsWith("postgresql://postgres:"));
    for (String http : List.of("http1", "http2")) {
      assertTrue(services.get(http).get("healthcheck").toString().contains("/127.0.0.1/8080 ")
          && services.get(http).get("healthcheck").toString().contains("GET /health/ready "));
      assertEquals(lbAddress(services), environment(services.get(http)).get("XPHOTO_HTTP_TRUSTED_PROXIES"),
          "the HTTP nodes trust the balancer's X-Forwarded-For, and only it");
    }
    for (String node : List.of("backend", "faces1", "faces2")) {
      String port = environment(services.get(node)).get("XPHOTO_MANAGEMENT_PORT");
      assertNotNull(port, node + " serves its readiness on a management port");
      String check = services.get(node).get("healthcheck").toString();
      assertTrue(check.contains("/127.0.0.1/" + port + " ") && check.contains("GET /health/ready "), node + ": " + check);
    }
    String nginx = Files.readString(DEPLOY.resolve("nginx.conf"));
    assertTrue(nginx.contains("server http1:8080") && nginx.contains("server http2:8080"), nginx);
    assertTrue(strings(services.get("lb").get("volumes")).contains("./nginx.conf:/etc/nginx/nginx.conf:ro"));
    assertTrue(strings(services.get("lb").get("ports")).stream().anyMatch(port -> port.endsWith(":8080")));
    for (String backing : List.of("postgres", "minio", "mailpit", "lb")) {
      assertNotNull(services.get(backing).get("healthcheck"), backing);
    }
  }

  @SuppressWarnings("unchecked")
  private static String lbAddress(Map<String, Map<String, Object>> services) {
    Map<String, Object> networks = (Map<String, Object>) services.get("lb").get("networks");
    return ((Map<String, Object>) networks.get("cluster")).get("ipv4_address").toString();
  }

  /** Variables the server would ignore: a typo in a deployment file fails here, not in production. */
  private static void assertUnknownVariables(Map<String, String> env) throws IOException {
    Set<String> known = Settings.load(Map.of()).toJson().fieldNames().stream().map(Settings::envName)
        .collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(env.keySet());
    unknown.removeAll(known);
    assertEquals(Set.of(), unknown, "XPHOTO_* variables that name no configuration key");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services(String file) throws IOException {
    try (Reader reader = Files.newBufferedReader(DEPLOY.resolve(file))) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> environment(Map<String, Object> service) {
    Object env = service.getOrDefault("environment", Map.of());
    return ((Map<String, Object>) env).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return list == null ? List.of() : ((List<Object>) list).stream().map(String::valueOf).toList();
  }
}
