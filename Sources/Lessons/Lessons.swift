import MiniNN
