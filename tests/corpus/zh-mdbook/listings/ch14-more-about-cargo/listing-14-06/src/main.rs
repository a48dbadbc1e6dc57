// ANCHOR: here
use art::PrimaryColor;
use art::mix;

fn main() {
    // --snip--
    // ANCHOR_END: here
    let red = PrimaryColor::Red;
    let yellow = PrimaryColor::Yellow;
    mix(red, yellow);
    // ANCHOR: here
}
// ANCHOR_END: here
