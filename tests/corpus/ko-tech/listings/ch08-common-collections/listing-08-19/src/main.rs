fn main() {
    // ANCHOR: here
    let s1 = String::from("hello");
    let h = s1[0];
    // ANCHOR_END: here
}
