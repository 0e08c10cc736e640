package io.keyflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPasswordFileTest {

  @TempDir Path dir;

  @Test
  void aGeneratedPasswordIsWrittenOwnerOnlyAndReusedAtTheNextStart() throws Exception {
    Path file = dir.resolve("data/demo-password");

    String first = DemoPasswordFile.readOrCreate(file);

    assertThat(first).matches("[A-Za-z2-9]{20}");
    assertThat(Files.readString(file).strip()).isEqualTo(first);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(DemoPasswordFile.readOrCreate(file)).isEqualTo(first);
  }

  @Test
  void anEmptyFileIsReplacedByANewPassword() throws Exception {
    Path file = dir.resolve("demo-password");
    Files.writeString(file, "  \n");

    String password = DemoPasswordFile.readOrCreate(file);

    assertThat(password).hasSize(20);
    assertThat(Files.readString(file).strip()).isEqualTo(password);
  }
}
