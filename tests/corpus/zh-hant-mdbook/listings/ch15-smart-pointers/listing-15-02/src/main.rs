// ANCHOR: here
enum List {
    Cons(i32, List),
    Nil,
}
// ANCHOR_END: here

fn main() {}
