package io.xphoto.forum;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The captcha's alphabet reads unambiguously; its pictures are 150×50 PNGs of dark glyphs on light ground. */
class CaptchaImagesTest {

  /** Characters a person confuses once rotated, bent or lower-cased: at most one of each group may be used. */
  private static final List<String> LOOK_ALIKES = List.of("0OoDdQqCcGg6", "1IiLlJj!|7Tt", "2Zz", "5Ss", "8Bb3",
      "9gq", "UuVvYy", "Hh", "Kk", "Xx", "Ww", "Mm", "Nn", "Pp", "Rr", "Ee", "Ff", "Aa");

  @Test
  void theAlphabetHoldsAtMostOneCharacterOfEachGroupOfLookAlikes() {
    for (String group : LOOK_ALIKES) {
      long used = group.chars().filter(c -> CaptchaImages.ALPHABET.indexOf(c) >= 0).count();
      assertTrue(used <= 1, group + ": " + used + " in " + CaptchaImages.ALPHABET);
    }
    assertTrue(CaptchaImages.ALPHABET.length() >= 14, "enough answers: " + CaptchaImages.ALPHABET.length() + "^5");
  }

  @Test
  void answersComeFromTheAlphabetAndPicturesAreDarkGlyphsOnLightGround() throws IOException {
    CaptchaImages captchas = new CaptchaImages();
    for (int i = 0; i < 20; i++) {
      String answer = captchas.answer();
      assertEquals(CaptchaImages.LENGTH, answer.length());
      assertTrue(answer.chars().allMatch(c -> CaptchaImages.ALPHABET.indexOf(c) >= 0), answer);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(captchas.png(answer)));
      assertEquals(150, image.getWidth());
      assertEquals(50, image.getHeight());
      int dark = 0;
      for (int y = 0; y < 50; y++) {
        for (int x = 0; x < 150; x++) {
          int rgb = image.getRGB(x, y);
          if (Math.max(Math.max(rgb >> 16 & 0xff, rgb >> 8 & 0xff), rgb & 0xff) < 110) {
            dark++;
          }
        }
      }
      // the glyphs' strokes: only they are this dark (the noise is in middle tones)
      assertTrue(dark > 300 && dark < 150 * 50 / 3, answer + ": " + dark + " dark pixels");
    }
  }
}
