package io.xphoto.mail;

import io.xphoto.accounts.ActivationKey;
import io.xphoto.config.Settings;
import io.xphoto.db.AccountRecoveryStore;
import io.xphoto.db.MailContent;

import java.net.URLEncoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;

/** The texts of the mails the server sends, as outbox entries ({@code recipient, subject, body}). */
public final class Mails {

  public static final String ACTIVATION_SUBJECT = "激活您的 xphoto 帐号";
  public static final String RESET_SUBJECT = "重置您的 xphoto 密码";
  public static final String EMAIL_CONFIRM_SUBJECT = "确认您的 xphoto 新邮箱";
  public static final String EMAIL_NOTICE_SUBJECT = "您的 xphoto 帐号正在更换邮箱";

  private final String publicUrl;
  private final long activationHours;
  private final Duration resetTtl;
  private final Duration confirmTtl;

  public Mails(Settings settings) {
    this.publicUrl = settings.string("public.url");
    this.activationHours = settings.duration("activation.ttl").toHours();
    this.resetTtl = settings.duration("password.reset-ttl");
    this.confirmTtl = settings.duration("email.confirm-ttl");
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

  /**
   * A password reset mail, for whichever account the database finds: no recipient yet, and
   * {@link AccountRecoveryStore#USERNAME} where the username goes.
   */
  public MailContent passwordReset(ActivationKey key) {
    String link = publicUrl + "/password/reset?key=" + encode(key.key());
    String body = "您好，" + AccountRecoveryStore.USERNAME + "：\n\n"
        + "我们收到了重置您 xphoto 帐号密码的请求。请打开下面的链接设置新密码（" + lasting(resetTtl)
        + "内有效，只能使用一次）：\n\n"
        + link + "\n\n"
        + "如果这不是您本人的操作，请忽略这封邮件，您的密码不会改变。\n";
    return new MailContent().setSubject(RESET_SUBJECT).setBody(body);
  }

  /** The confirmation link of an email change, to the new address. */
  public MailContent emailConfirmation(String username, String newEmail, ActivationKey key) {
    String link = publicUrl + "/email/confirm?key=" + encode(key.key());
    String body = "您好，" + username + "：\n\n"
        + "您申请将 xphoto 帐号的邮箱更换为 " + newEmail + "。请打开下面的链接确认（" + lasting(confirmTtl)
        + "内有效）：\n\n"
        + link + "\n\n"
        + "确认之前，帐号的邮箱不会改变。如果这不是您本人的操作，请忽略这封邮件。\n";
    return new MailContent().setRecipient(newEmail).setSubject(EMAIL_CONFIRM_SUBJECT).setBody(body);
  }

  /** The notice of an email change to the old address: no link, no key. */
  public MailContent emailChangeNotice(String username, String oldEmail, String newEmail) {
    String body = "您好，" + username + "：\n\n"
        + "有人（很可能是您本人）申请将您 xphoto 帐号的邮箱更换为 " + newEmail + "。"
        + "新邮箱确认之后，帐号的邮箱才会更换，在此之前一切照旧。\n\n"
        + "如果这不是您本人的操作，请尽快登录 xphoto 修改密码。\n";
    return new MailContent().setRecipient(oldEmail).setSubject(EMAIL_NOTICE_SUBJECT).setBody(body);
  }

  /** "1 小时", "30 分钟", "5 秒": the largest unit that divides the duration. */
  static String lasting(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return seconds / 3600 + " 小时";
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return seconds / 60 + " 分钟";
    }
    return seconds + " 秒";
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
