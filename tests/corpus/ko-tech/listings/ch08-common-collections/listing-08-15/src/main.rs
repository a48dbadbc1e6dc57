fn main() {
    // ANCHOR: here
    let mut s = String::from("foo");
    s.push_str("bar");
    // ANCHOR_END: here
}
