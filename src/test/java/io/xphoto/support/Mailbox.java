package io.xphoto.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) in the test JVM, and what arrived in it. */
public final class Mailbox implements AutoCloseable {

  private static final Pattern ACTIVATION_LINK = Pattern.compile("https?://\\S+/active_account\\?\\S+");

  private final GreenMail greenMail;

  private Mailbox(GreenMail greenMail) {
    this.greenMail = greenMail;
  }

  /** An SMTP server on a free port. */
  public static Mailbox start() {
    return startOn(Ports.free());
  }

  public static Mailbox startOn(int port) {
    GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    return new Mailbox(greenMail);
  }

  public int port() {
    return greenMail.getSmtp().getPort();
  }

  public List<MimeMessage> messagesTo(String recipient) {
    return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isTo(m, recipient)).toList();
  }

  /** Waits until {@code count} mails to {@code recipient} have arrived and returns them all. */
  public List<MimeMessage> awaitMessagesTo(String recipient, int count) {
    long deadline = System.currentTimeMillis() + 20_000;
    while (System.currentTimeMillis() < deadline) {
      List<MimeMessage> messages = messagesTo(recipient);
      if (messages.size() >= count) {
        return messages;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("expected " + count + " mail(s) to " + recipient + ", got " + messagesTo(recipient).size());
  }

  public static String text(MimeMessage message) {
    try {
      return message.getContent().toString();
    } catch (IOException | MessagingException e) {
      throw new AssertionError(e);
    }
  }

  public static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  public static String activationLink(MimeMessage message) {
    Matcher matcher = ACTIVATION_LINK.matcher(text(message));
    if (!matcher.find()) {
      throw new AssertionError("no activation link in: " + text(message));
    }
    return matcher.group();
  }

  /** The first link to {@code path} (e.g. {@code /password/reset}) in the mail's text. */
  public static String link(MimeMessage message, String path) {
    Matcher matcher = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?\\S+").matcher(text(message));
    if (!matcher.find()) {
      throw new AssertionError("no link to " + path + " in: " + text(message));
    }
    return matcher.group();
  }

  private static boolean isTo(MimeMessage message, String recipient) {
    try {
      var to = message.getRecipients(Message.RecipientType.TO);
      return to != null && Arrays.stream(to).anyMatch(a -> a.toString().contains(recipient));
    } catch (MessagingException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
