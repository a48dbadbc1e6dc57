fn main() {
    // ANCHOR: here
    let v: Vec<i32> = Vec::new();
    // ANCHOR_END: here
}
