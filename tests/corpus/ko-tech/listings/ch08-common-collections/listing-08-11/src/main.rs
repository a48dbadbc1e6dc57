fn main() {
    // ANCHOR: here
    let mut s = String::new();
    // ANCHOR_END: here
}
