package io.xphoto.cluster;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The verticles a node runs ({@code node.roles}): all of them on a single server, some on a cluster node. */
public enum NodeRole {
  HTTP, DB, MAIL, STORAGE, FACES;

  /** {@code all}, or a comma-separated list of role names (any case). */
  public static Set<NodeRole> parse(String roles) {
    if (roles.isBlank() || roles.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(NodeRole.class);
    }
    Set<NodeRole> parsed = EnumSet.noneOf(NodeRole.class);
    for (String name : roles.split(",")) {
      try {
        parsed.add(valueOf(name.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("node.roles (XPHOTO_NODE_ROLES): unknown role \"" + name.trim()
            + "\"; use all, or some of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
      }
    }
    return parsed;
  }
}
