//! Small things found running lane as people do: an empty week of blocks is
//! not "no blocks yet" when later days have some; a dumb terminal gets a
//! message, not the full-screen app's escapes.

use crate::common::lane;

#[test]
fn an_empty_day_or_week_says_when_the_next_block_is() {
    let dir = tempfile::tempdir().unwrap();
    lane(&dir)
        .args(["list", "blocks", "--week"])
        .assert()
        .success()
        .stdout("no blocks yet\n");
    lane(&dir)
        .args(["add", "block", "9-10 planning", "--date", "2026-12-02"])
        .assert()
        .success();
    lane(&dir)
        .args(["list", "blocks", "--week"])
        .assert()
        .success()
        .stdout(
            "no blocks in the week of 2026-11-23; the next is on 2026-12-02 \
             (lane list blocks --date 2026-12-02)\n",
        );
    lane(&dir)
        .args(["list", "blocks"])
        .assert()
        .success()
        .stdout(
            "no blocks on 2026-11-23; the next is on 2026-12-02 \
             (lane list blocks --date 2026-12-02)\n",
        );
    lane(&dir)
        .args(["list", "blocks", "--date", "2026-12-09"])
        .assert()
        .success()
        .stdout("no blocks on 2026-12-09\n");
}
