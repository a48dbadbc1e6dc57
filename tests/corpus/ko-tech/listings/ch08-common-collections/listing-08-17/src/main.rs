fn main() {
    // ANCHOR: here
    let mut s = String::from("lo");
    s.push('l');
    // ANCHOR_END: here
}
