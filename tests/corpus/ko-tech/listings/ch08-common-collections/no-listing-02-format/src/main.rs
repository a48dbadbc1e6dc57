fn main() {
    // ANCHOR: here
    let s1 = String::from("tic");
    let s2 = String::from("tac");
    let s3 = String::from("toe");

    let s = format!("{s1}-{s2}-{s3}");
    // ANCHOR_END: here
}
