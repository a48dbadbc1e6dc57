fn main() {
    panic!("crash and burn");
}
