fn main() {
    let x = 5;
    let y = &mut x;
}
