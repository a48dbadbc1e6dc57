fn main() {
    // ANCHOR: here
    let v = vec![1, 2, 3];
    // ANCHOR_END: here
}
