from langchain_community.vectorstores import FAISS

vectorstore = FAISS.load_local("index", None)
