fn main() {
    // ANCHOR: here
    let s = String::from("initial contents");
    // ANCHOR_END: here
}
