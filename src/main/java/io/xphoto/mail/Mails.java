package io.xphoto.mail;

import io.xphoto.accounts.ActivationKey;
import io.xphoto.config.Settings;
import io.xphoto.db.MailContent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The texts of the mails the server sends, as outbox entries ({@code recipient, subject, body}). */
public final class Mails {

  public static final String ACTIVATION_SUBJECT = "激活您的 xphoto 帐号";

  private final String publicUrl;
  private final long activationHours;

  public Mails(Settings settings) {
    this.publicUrl = settings.string("public.url");
    this.activationHours = settings.duration("activation.ttl").toHours();
  }

  public MailContent activation(String username, String email, ActivationKey key) {
    String link = publicUrl + "/active_account?key=" + encode(key.key()) + "&username=" + encode(username);
    String body = "您好，" + username + "：\n\n"
        + "欢迎加入 xphoto！请打开下面的链接激活您的帐号"
        + (activationHours > 0 ? "（" + activationHours + " 小时内有效）" : "") + "：\n\n"
        + link + "\n\n"
        + "如果您没有注册 xphoto，请忽略这封邮件。\n";
    return new MailContent().setRecipient(email).setSubject(ACTIVATION_SUBJECT).setBody(body);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
