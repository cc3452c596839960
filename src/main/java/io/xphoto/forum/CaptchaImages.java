package io.xphoto.forum;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.CubicCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;

/**
 * Captcha answers and their pictures, drawn with Java2D, made to be read by a person first: capitals and digits
 * from an alphabet without look-alikes, each glyph bold, upright within 15 degrees and apart from its neighbours,
 * in a dark colour over a light background; the noise (thin curves, speckles in middle tones) is drawn before the
 * glyphs, so it never crosses one, and the whole picture is bent gently by two sine waves.
 * Takes a few milliseconds of CPU: call it off the event loop.
 */
final class CaptchaImages {

  static final int LENGTH = 5;
  /**
   * Capitals and digits none of which reads as another, rotated or bent, once case is ignored: without 0/O/D/Q/C/G,
   * 1/I/L/J, 2/Z, 5/S, 8/B, 9/6, U/V, 7 (T). Answers are compared ignoring case, so a lower-case answer is right.
   */
  static final String ALPHABET = "ACEFHKMNPRTWXY34";
  private static final String[] FONTS = {Font.SANS_SERIF, Font.DIALOG};
  private static final int WIDTH = 150;
  private static final int HEIGHT = 50;

  private final SecureRandom random = new SecureRandom();

  String answer() {
    StringBuilder answer = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return answer.toString();
  }

  byte[] png(String text) {
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, light(), WIDTH, HEIGHT, light()));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // the noise first: the glyphs are drawn over it, never under it
    for (int i = 0; i < 4; i++) {
      curve(g, middle(), 1f);
    }
    for (int i = 0; i < WIDTH * HEIGHT / 25; i++) {
      image.setRGB(random.nextInt(WIDTH), random.nextInt(HEIGHT), middle().getRGB());
    }
    int x = 7 + random.nextInt(4);
    for (char c : text.toCharArray()) {
      g.setColor(dark());
      g.setFont(new Font(FONTS[random.nextInt(FONTS.length)], Font.BOLD, 27 + random.nextInt(4)));
      AffineTransform saved = g.getTransform();
      g.translate(x, 37 + random.nextInt(5) - 2);
      g.rotate(Math.toRadians(random.nextInt(31) - 15));
      g.shear((random.nextDouble() - 0.5) * 0.2, 0);
      g.drawString(String.valueOf(c), 0, 0);
      g.setTransform(saved);
      x += 25 + random.nextInt(2);
    }
    g.dispose();
    BufferedImage bent = warp(image);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(bent, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void curve(Graphics2D g, Color color, float width) {
    g.setColor(color);
    g.setStroke(new BasicStroke(width));
    g.draw(new CubicCurve2D.Double(random.nextInt(WIDTH / 3), random.nextInt(HEIGHT),
        random.nextInt(WIDTH), random.nextInt(HEIGHT), random.nextInt(WIDTH), random.nextInt(HEIGHT),
        WIDTH - random.nextInt(WIDTH / 3), random.nextInt(HEIGHT)));
  }

  /** Moves every pixel along two sine waves of random phase and period, one per axis. */
  private BufferedImage warp(BufferedImage source) {
    BufferedImage target = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    double phaseX = random.nextDouble() * 2 * Math.PI;
    double phaseY = random.nextDouble() * 2 * Math.PI;
    double periodX = 20 + random.nextInt(15);
    double periodY = 40 + random.nextInt(30);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int sx = clamp(x + (int) Math.round(1.5 * Math.sin(y / periodX * 2 * Math.PI + phaseX)), WIDTH);
        int sy = clamp(y + (int) Math.round(2 * Math.sin(x / periodY * 2 * Math.PI + phaseY)), HEIGHT);
        target.setRGB(x, y, source.getRGB(sx, sy));
      }
    }
    return target;
  }

  private static int clamp(int value, int size) {
    return Math.max(0, Math.min(size - 1, value));
  }

  private Color light() {
    return new Color(215 + random.nextInt(41), 215 + random.nextInt(41), 215 + random.nextInt(41));
  }

  /** The noise's tones: between the background and the glyphs, so that no speck or curve reads as a stroke. */
  private Color middle() {
    return new Color(150 + random.nextInt(60), 150 + random.nextInt(60), 150 + random.nextInt(60));
  }

  private Color dark() {
    return new Color(random.nextInt(110), random.nextInt(110), random.nextInt(110));
  }
}
