// ANCHOR: here
enum Message {
    Quit,
    Move { x: i32, y: i32 },
    Write(String),
    ChangeColor(i32, i32, i32),
}
// ANCHOR_END: here

fn main() {}
